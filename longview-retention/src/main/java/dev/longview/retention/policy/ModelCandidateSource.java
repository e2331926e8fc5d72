package dev.longview.retention.policy;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.model.TopK;

/**
 * Candidates from one trained {@link Model} through the shared {@link ItemFilter} and
 * {@link TopK}; users the model does not know get the fallback scores (e.g. popularity). One per
 * model generation and thread (holds a score buffer and reuses the last user's scores, which an
 * immutable model cannot change).
 */
public final class ModelCandidateSource implements CandidateSource {
  private final Model model;
  private final float[] fallback;
  private final float[] buffer;
  private TopK topK;
  private int scoredUser = -1;

  /**
   * @param model may be null (nothing trained yet): everyone gets {@code fallback}
   * @param fallback one score per item for unknown users
   */
  public ModelCandidateSource(Model model, float[] fallback) {
    this.model = model;
    this.fallback = fallback;
    this.buffer = new float[fallback.length];
  }

  @Override
  public int candidates(int user, ItemFilter filter, int n, int[] items, float[] scores) {
    float[] s;
    if (model != null && user >= 0 && user < model.userCount()) {
      if (user != scoredUser) { // the pages of a session ask for the same user in a row
        model.score(user, buffer);
        scoredUser = user;
      }
      s = buffer;
    } else {
      s = fallback;
    }
    if (topK == null || topK.k() != n) {
      topK = new TopK(n);
    }
    return topK.select(s, fallback.length, filter, items, scores);
  }
}
