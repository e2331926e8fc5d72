package dev.longview.rank;

/**
 * What the caller knows about the requesting user beyond the snapshot's interactions: their
 * lifecycle stage, churn risk and monetary value. longview-rank does not compute them (it knows
 * neither the store nor the lifecycle rules); the caller fills them the same way when it builds
 * training groups and when it serves, from data up to the training cut-off or the serving
 * snapshot (the pipeline's {@code RankerScorer} does both from its model set). Missing values are
 * null / NaN: LightGBM learns a direction for them.
 *
 * @param stage the lifecycle stage label (e.g. {@code active}, {@code at_risk}), a categorical
 *     feature whose vocabulary is the set of labels seen in training; null when unknown
 * @param churnRisk the probability-like churn risk in [0, 1], NaN when unknown
 * @param monetary the user's total purchase value (sum of the prices of what they bought), >= 0,
 *     NaN when there are no prices
 */
public record UserSignals(String stage, float churnRisk, float monetary) {
  /** Nothing known: every user signal feature is missing. */
  public static final UserSignals UNKNOWN = new UserSignals(null, Float.NaN, Float.NaN);

  public UserSignals {
    if (stage != null && stage.isBlank()) {
      throw new IllegalArgumentException("stage is blank; pass null for an unknown stage");
    }
    if (!Float.isNaN(churnRisk) && !(churnRisk >= 0 && churnRisk <= 1)) {
      throw new IllegalArgumentException("churnRisk was " + churnRisk
          + "; use a value in [0, 1], or NaN when unknown");
    }
    if (!Float.isNaN(monetary) && !(monetary >= 0 && Float.isFinite(monetary))) {
      throw new IllegalArgumentException("monetary was " + monetary
          + "; use a finite value >= 0, or NaN when there are no prices");
    }
  }
}
