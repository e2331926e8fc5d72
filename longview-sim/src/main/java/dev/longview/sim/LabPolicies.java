package dev.longview.sim;

import dev.longview.pipeline.PipelinePolicy;
import dev.longview.pipeline.RetentionStage;
import dev.longview.pipeline.ValueRecallSettings;
import dev.longview.retention.RerankConfig;
import dev.longview.retention.policy.Policies;
import dev.longview.retention.policy.Policy;

/**
 * The policies the lab runs, by name ({@link Policies#NAMES}): {@code random} and
 * {@code popular} from {@link Policies}; {@code myopic} and {@code longview} through Longview's
 * serving pipeline ({@link PipelinePolicy}: myopic = the pipeline with the retention stage off,
 * longview = the full engine with the retention stage and its stage policies, re-rank settings
 * {@link RetentionStage#labDefaults()}: {@link RerankConfig#defaults()} with the whole ranking as
 * the pool, larger value weights and the category plan {@link RetentionStage#LAB_CATEGORY_SLATE};
 * long-term values from {@link RetentionStage#labEstimator()} (empirical Bayes and a surrogate
 * index); the value-aware recall source at weight {@link RetentionStage#LAB_VALUE_RECALL_WEIGHT},
 * offering the admitted categories' items; all tuned on seeds 100-104).
 */
public final class LabPolicies {
  /**
   * Whether the pipeline policies use real-time events between daily trainings: off (see
   * {@link PipelinePolicy}); both policies alike, so the retention stage stays the only
   * difference.
   */
  public static final boolean REAL_TIME = false;

  private LabPolicies() {}

  /**
   * A fresh policy for one run.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
   */
  public static Policy create(String name, long seed) {
    return switch (name) {
      case "myopic" -> PipelinePolicy.myopic(seed, REAL_TIME);
      case "longview" -> PipelinePolicy.longview(seed, RetentionStage.labDefaults(),
          RetentionStage.labEstimator(), ValueRecallSettings.of(
              RetentionStage.LAB_VALUE_RECALL_WEIGHT, RetentionStage.LAB_VALUE_RECALL_SIZE),
          REAL_TIME);
      default -> Policies.create(name, seed);
    };
  }
}
