package dev.longview.rank;

import dev.longview.core.model.Model;
import java.util.Arrays;

/**
 * Fixed per-user scores over candidate lists, as a {@link Model} so that the shared evaluator can
 * rank them: a candidate gets its stored score, every other item NaN (which {@code TopK} never
 * selects), so a list holds candidates only. Immutable after filling; thread-safe for reading.
 */
final class CandidateScores implements Model {
  private final int users;
  private final int items;
  private final int[][] candidates;
  private final float[][] scores;

  CandidateScores(int users, int items) {
    this.users = users;
    this.items = items;
    this.candidates = new int[users][];
    this.scores = new float[users][];
  }

  void set(int user, int[] cand, float[] score) {
    candidates[user] = cand;
    scores[user] = score;
  }

  @Override
  public int userCount() {
    return users;
  }

  @Override
  public int itemCount() {
    return items;
  }

  @Override
  public void score(int user, float[] out) {
    Arrays.fill(out, 0, items, Float.NaN);
    int[] c = candidates[user];
    if (c == null) {
      return;
    }
    float[] s = scores[user];
    for (int k = 0; k < c.length; k++) {
      out[c[k]] = s[k];
    }
  }
}
