package dev.longview.retention.policy;

import dev.longview.lifecycle.LifecycleConfig;
import dev.longview.retention.LongTermValueEstimator;
import dev.longview.retention.RerankConfig;
import dev.longview.retention.RetentionAwareReranker;
import java.util.List;
import java.util.Map;

/**
 * The lab's policy names (random, popular, myopic, longview) and this module's implementations:
 * {@code random}, {@code popular}, and an item-kNN {@code myopic} / {@code longview}
 * ({@link EnginePolicy}, a single model without the serving pipeline). The lab itself runs myopic
 * and longview through the serving pipeline ({@code longview-sim}'s {@code LabPolicies} and the
 * pipeline's {@code PipelinePolicy}); the versions here stay for comparison and tests.
 */
public final class Policies {
  /** Names in the order reports list them. */
  public static final List<String> NAMES = List.of("random", "popular", "myopic", "longview");

  /**
   * The candidate model of myopic and longview: item kNN with its tuned defaults, cheap enough to
   * retrain every simulated day for 20 runs of 60 days.
   */
  public static final String MODEL = "itemknn";
  public static final Map<String, String> MODEL_PARAMS = Map.of();

  private Policies() {}

  /**
   * A fresh policy.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
   */
  public static Policy create(String name, long seed) {
    return switch (name) {
      case "random" -> new RandomPolicy(seed);
      case "popular" -> new EnginePolicy("popular", null, Map.of(), seed, null, null, null);
      case "myopic" -> new EnginePolicy("myopic", MODEL, MODEL_PARAMS, seed, null, null, null);
      case "longview" -> new EnginePolicy("longview", MODEL, MODEL_PARAMS, seed,
          new RetentionAwareReranker(RerankConfig.defaults()),
          new LongTermValueEstimator(LongTermValueEstimator.Config.defaults()),
          LifecycleConfig.content());
      default -> throw new IllegalArgumentException("policy was \"" + name + "\"; use one of "
          + NAMES);
    };
  }
}
