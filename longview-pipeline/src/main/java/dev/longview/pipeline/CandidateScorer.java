package dev.longview.pipeline;

/**
 * The ranking stage: one score per candidate. Today {@link BlendScorer}; a learned ranker
 * (features: each source's raw score and whether it found the item, plus the context) replaces
 * it with one {@code .scorer(...)} line in {@link Pipeline#standard}.
 */
public interface CandidateScorer {
  /**
   * Writes the score of every slot of {@code candidates} to {@code scores[slot]} (higher is
   * better) and, when {@code contributions} is not null, each source's part of it to
   * {@code contributions[slot * sourceCount + source]} (used to choose the main reason).
   */
  void score(RequestContext ctx, Candidates candidates, float[] scores, float[] contributions);
}
