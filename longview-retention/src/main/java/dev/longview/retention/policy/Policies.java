package dev.longview.retention.policy;

import java.util.List;
import java.util.Map;

/**
 * The lab's policy names (random, popular, myopic, longview) and this module's two baselines,
 * {@code random} and {@code popular}. {@code myopic} and {@code longview} run through the serving
 * pipeline ({@code longview-sim}'s {@code LabPolicies} and the pipeline's {@code PipelinePolicy});
 * this module does not build them (it does not depend on the pipeline).
 */
public final class Policies {
  /** Names in the order reports list them. */
  public static final List<String> NAMES = List.of("random", "popular", "myopic", "longview");

  private Policies() {}

  /**
   * A fresh {@code random} or {@code popular} policy.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
   */
  public static Policy create(String name, long seed) {
    return switch (name) {
      case "random" -> new RandomPolicy(seed);
      case "popular" -> new EnginePolicy("popular", null, Map.of(), seed, null, null, null);
      case "myopic", "longview" -> throw new IllegalArgumentException("policy \"" + name
          + "\" runs through the serving pipeline: build it with longview-sim's LabPolicies");
      default -> throw new IllegalArgumentException("policy was \"" + name + "\"; use one of "
          + NAMES);
    };
  }
}
