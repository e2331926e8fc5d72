package dev.longview.rank;

import java.util.Arrays;

/**
 * One request to the ranking stage: a user, a context and the merged recall candidates with the
 * score each recall source gave them. What the serving pipeline hands to {@link Ranker#rank}.
 *
 * @param user the user's dense index in the ranker's snapshot, or -1 for an unknown user (user
 *     features are then missing, which the trees handle)
 * @param context time, device, session items, query
 * @param items candidate items (dense indices, distinct)
 * @param sourceScores {@code sourceScores[s][k]} is the raw score source {@code s} (in the order of
 *     {@link Ranker#sources()}) gave {@code items[k]}, NaN when that source did not find it
 * @param userSignals the user's lifecycle stage, churn risk and monetary value as the caller
 *     computes them ({@link UserSignals#UNKNOWN} when it does not; null means the same)
 */
public record RankRequest(int user, RankContext context, int[] items, float[][] sourceScores,
    UserSignals userSignals) {
  public RankRequest {
    if (userSignals == null) {
      userSignals = UserSignals.UNKNOWN;
    }
    if (context == null) {
      throw new IllegalArgumentException("context is null; use RankContext.at(epochSecond)");
    }
    if (items == null || sourceScores == null) {
      throw new IllegalArgumentException("items and sourceScores are required (sourceScores may"
          + " hold zero sources: new float[0][])");
    }
    items = items.clone();
    float[][] copy = new float[sourceScores.length][];
    for (int s = 0; s < sourceScores.length; s++) {
      if (sourceScores[s] == null || sourceScores[s].length != items.length) {
        throw new IllegalArgumentException("sourceScores[" + s + "] has "
            + (sourceScores[s] == null ? "no array" : sourceScores[s].length + " scores")
            + " for " + items.length + " candidates; give one score per candidate (NaN where the"
            + " source did not find it)");
      }
      copy[s] = sourceScores[s].clone();
    }
    sourceScores = copy;
  }

  /** A request without user signals ({@link UserSignals#UNKNOWN}). */
  public RankRequest(int user, RankContext context, int[] items, float[][] sourceScores) {
    this(user, context, items, sourceScores, UserSignals.UNKNOWN);
  }

  @Override
  public int[] items() {
    return items.clone();
  }

  @Override
  public float[][] sourceScores() {
    float[][] copy = new float[sourceScores.length][];
    for (int s = 0; s < copy.length; s++) {
      copy[s] = sourceScores[s].clone();
    }
    return copy;
  }

  int size() {
    return items.length;
  }

  int item(int k) {
    return items[k];
  }

  float score(int source, int k) {
    return sourceScores[source][k];
  }

  int sourceCount() {
    return sourceScores.length;
  }

  @Override
  public String toString() {
    return "RankRequest[user=" + user + ", " + context + ", " + userSignals + ", items="
        + Arrays.toString(items) + "]";
  }
}
