package dev.longview.churn;

/**
 * A fitted BG/NBD model's holdout forecast next to the actual counts, in the two forms the
 * literature reports:
 *
 * <ul>
 *   <li><b>holdout only</b>: the sum over customers of the conditional expectation E[X(t) | x,
 *       t_x, T] (equation 10 of Fader, Hardie and Lee 2005) against the repeat purchases actually
 *       made in the holdout period;
 *   <li><b>cumulative tracking</b> (the paper's Figure 3): the sum over customers of the
 *       unconditional E[X(T)] and E[X(T + t)] (equation 7, each customer from their own first
 *       purchase) against the cumulative actual repeat purchases at the end of the calibration
 *       period and at the end of the holdout period. Because the calibration part is fitted, this
 *       error is smaller than the holdout-only error whenever the holdout is mis-forecast.
 * </ul>
 *
 * @param customers customers of the cohort
 * @param calibrationActual sum of x (repeat purchases in the calibration period)
 * @param holdoutActual repeat purchases in the holdout period
 * @param holdoutPredicted sum of E[X(t) | x, t_x, T]
 * @param cumulativeModelAtCalibrationEnd sum of E[X(T)]
 * @param cumulativeModelAtHoldoutEnd sum of E[X(T + t)]
 */
public record BgNbdHoldout(int customers, double calibrationActual, double holdoutActual,
    double holdoutPredicted, double cumulativeModelAtCalibrationEnd,
    double cumulativeModelAtHoldoutEnd) {

  /** Compares {@code model}'s forecast for a holdout of {@code t} time units with {@code data}. */
  public static BgNbdHoldout of(BgNbd model, RepeatData data, double t) {
    if (!(t > 0)) {
      throw new IllegalArgumentException("holdout length must be > 0, got " + t);
    }
    double cal = 0;
    double hold = 0;
    double predicted = 0;
    double cumCal = 0;
    double cumHold = 0;
    for (int i = 0; i < data.customers(); i++) {
      cal += data.x(i);
      hold += data.holdout(i);
      predicted += model.expectedPurchases(t, data.x(i), data.tx(i), data.T(i));
      cumCal += model.expectedRepeatPurchases(data.T(i));
      cumHold += model.expectedRepeatPurchases(data.T(i) + t);
    }
    return new BgNbdHoldout(data.customers(), cal, hold, predicted, cumCal, cumHold);
  }

  /** holdoutPredicted / holdoutActual - 1 (0 when nothing was bought in the holdout). */
  public double holdoutError() {
    return holdoutActual == 0 ? 0 : holdoutPredicted / holdoutActual - 1;
  }

  /** Cumulative actual repeat purchases at the end of the holdout: calibration + holdout. */
  public double cumulativeActualAtHoldoutEnd() {
    return calibrationActual + holdoutActual;
  }

  /** cumulativeModelAtHoldoutEnd / cumulativeActualAtHoldoutEnd - 1 (0 when both are 0). */
  public double cumulativeError() {
    double actual = cumulativeActualAtHoldoutEnd();
    return actual == 0 ? 0 : cumulativeModelAtHoldoutEnd / actual - 1;
  }
}
