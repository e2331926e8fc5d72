package dev.longview.retention.policy;

import dev.longview.core.model.ItemFilter;

/**
 * Candidate generation for the engine policies: the one place to swap when the serving pipeline
 * (recall -> merge -> filter) takes over from a single model. Implementations write up to
 * {@code n} allowed items with their relevance, best first, and return how many.
 */
@FunctionalInterface
public interface CandidateSource {
  /**
   * @param user dense user index of the current snapshot, or -1 for a user it does not know
   * @param filter items never to return
   */
  int candidates(int user, ItemFilter filter, int n, int[] items, float[] scores);
}
