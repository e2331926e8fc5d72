package dev.longview.pipeline;

/**
 * The scoring blend: each source's raw scores are min-max normalised over this request's
 * candidates to [0, 1] (a single candidate, or all equal, gets 1), or divided by their maximum for
 * sources whose scores start at 0 ({@link RecallSource#scoresFromZero()}: text cosines),
 * multiplied by the source's weight, and summed; a source that did not find an item adds 0. Weights come from
 * {@link PipelineConfig#weight(String)}. Stateless and thread-safe.
 */
final class BlendScorer implements CandidateScorer {
  private final float[] weights;
  private final boolean[] fromZero;

  BlendScorer(float[] weights) {
    this(weights, new boolean[weights.length]);
  }

  BlendScorer(float[] weights, boolean[] fromZero) {
    this.weights = weights.clone();
    this.fromZero = fromZero.clone();
  }

  @Override
  public void score(RequestContext ctx, Candidates c, float[] scores, float[] contributions) {
    int n = c.sourceCount();
    float[] min = new float[n];
    float[] max = new float[n];
    java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (int slot = 0; slot < c.size(); slot++) {
      for (int s = 0; s < n; s++) {
        float r = c.raw(slot, s);
        if (r == r) {
          min[s] = Math.min(min[s], fromZero[s] ? 0f : r);
          max[s] = Math.max(max[s], r);
        }
      }
    }
    for (int slot = 0; slot < c.size(); slot++) {
      float total = 0;
      for (int s = 0; s < n; s++) {
        float r = c.raw(slot, s);
        float part = 0;
        if (r == r) {
          float norm = max[s] > min[s] ? (r - min[s]) / (max[s] - min[s]) : 1f;
          part = weights[s] * norm;
        }
        if (contributions != null) {
          contributions[slot * n + s] = part;
        }
        total += part;
      }
      scores[slot] = total;
    }
  }
}
