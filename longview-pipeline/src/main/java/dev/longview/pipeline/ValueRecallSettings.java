package dev.longview.pipeline;

/**
 * Whether and how {@link Pipeline#standard(PipelineConfig)} (from {@link PipelineConfig#valueRecall()}) adds the
 * value-aware recall source ({@link ValueRecall}). Serving does not ({@link #NONE}); the policy
 * lab's {@code longview} does ({@link RetentionStage#LAB_VALUE_RECALL_WEIGHT},
 * {@link RetentionStage#LAB_VALUE_RECALL_SIZE}).
 *
 * @param weight the source's blend weight; 0 = no source
 * @param size items it offers at most (>= 1 when the weight is positive)
 * @param personal score by value times the user's category share
 *     ({@link ValueRecall#ValueRecall(int, boolean)}); ignored with a category plan
 */
public record ValueRecallSettings(double weight, int size, boolean personal) {
  /** No value-aware recall (serving). */
  public static final ValueRecallSettings NONE = new ValueRecallSettings(0, 0, false);

  public ValueRecallSettings {
    if (!(weight >= 0) || weight > 0 && size < 1) {
      throw new IllegalArgumentException("value recall weight " + weight + ", size " + size
          + "; need a weight >= 0 and, with a positive weight, a size >= 1");
    }
  }

  /** The source at blend weight {@code weight} offering {@code size} items, not personal. */
  public static ValueRecallSettings of(double weight, int size) {
    return new ValueRecallSettings(weight, size, false);
  }
}
