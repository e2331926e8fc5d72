package dev.longview.retention.policy;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.model.TopK;

/**
 * Candidates from one trained {@link Model} through the shared {@link ItemFilter} and
 * {@link TopK}; users the model does not know get the fallback scores (e.g. popularity). One per
 * model generation and thread.
 *
 * <p>The pages of a session ask for the same known user in a row with a filter that only grows
 * (more items shown). The model is immutable, so the first page's ranking, taken
 * {@link #SLACK} items deeper than asked, answers the later pages by skipping what the filter now
 * excludes; it is recomputed when it runs short, another user asks, or the filter lost an item it
 * excluded when the ranking was taken. The answers are exactly
 * those of a fresh {@link TopK} over the grown filter.
 */
public final class ModelCandidateSource implements CandidateSource {
  /** Extra depth kept for later pages of a session. */
  static final int SLACK = 128;

  private final Model model;
  private final float[] fallback;
  private final float[] buffer;
  private TopK topK;
  private int cachedUser = -1;
  private int[] ranked = new int[0];
  private float[] rankedScores = new float[0];
  private int rankedCount;
  private int[] excludedThen = new int[0];
  private int excludedThenCount;

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
    boolean known = model != null && user >= 0 && user < model.userCount();
    if (!known) {
      return select(fallback, filter, n, items, scores);
    }
    if (user == cachedUser && filterOnlyGrew(filter)) {
      int found = 0;
      for (int r = 0; r < rankedCount && found < n; r++) {
        if (!filter.excluded(ranked[r])) {
          items[found] = ranked[r];
          scores[found++] = rankedScores[r];
        }
      }
      if (found == n || rankedCount < ranked.length) { // enough, or the ranking was complete
        return found;
      }
    }
    model.score(user, buffer);
    int depth = n + SLACK;
    if (ranked.length != depth) {
      ranked = new int[depth];
      rankedScores = new float[depth];
    }
    rankedCount = select(buffer, filter, depth, ranked, rankedScores);
    cachedUser = user;
    excludedThenCount = 0;
    for (int i = 0; i < fallback.length; i++) {
      if (filter.excluded(i)) {
        if (excludedThenCount == excludedThen.length) {
          excludedThen = java.util.Arrays.copyOf(excludedThen, Math.max(16, 2 * excludedThenCount));
        }
        excludedThen[excludedThenCount++] = i;
      }
    }
    int found = Math.min(n, rankedCount);
    System.arraycopy(ranked, 0, items, 0, found);
    System.arraycopy(rankedScores, 0, scores, 0, found);
    return found;
  }

  /** True when everything excluded when the ranking was taken is still excluded. */
  private boolean filterOnlyGrew(ItemFilter filter) {
    for (int k = 0; k < excludedThenCount; k++) {
      if (!filter.excluded(excludedThen[k])) {
        return false;
      }
    }
    return true;
  }

  private int select(float[] s, ItemFilter filter, int k, int[] items, float[] scores) {
    if (topK == null || topK.k() != k) {
      topK = new TopK(k);
    }
    return topK.select(s, fallback.length, filter, items, scores);
  }
}
