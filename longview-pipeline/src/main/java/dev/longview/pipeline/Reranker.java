package dev.longview.pipeline;

/**
 * A re-rank stage over the scored candidates: reorders (and may rescore) the ranking; it must keep
 * each candidate at most once and be deterministic, so that pages never repeat. Today
 * {@link MmrReranker} (diversity); a retention re-ranker or a lifecycle policy plugs in with one
 * {@code .rerank(...)} line in {@link Pipeline#standard}, in the order they should apply.
 */
public interface Reranker {
  /**
   * Reorders {@code ranking} in place; only its first {@code want} positions are returned
   * (offset + n), so a re-ranker may stop there.
   */
  void rerank(RequestContext ctx, Candidates candidates, Ranking ranking, int want);
}
