package dev.longview.retention;

import java.util.EnumMap;
import java.util.Map;

/**
 * The retention-aware re-ranker's settings: one {@link StageSettings} per {@link StagePolicy},
 * how much churn risk raises the value weight, and how many candidates to re-rank.
 *
 * @param stages settings for every stage policy
 * @param churnRiskBoost the value weight is multiplied by {@code 1 + churnRiskBoost * risk}
 *     (risk in [0, 1]); default 1
 * @param candidates how many of the relevance ranking's top items the re-ranker chooses from;
 *     default 50
 * @param valueUnit the change in return probability that counts as much as the whole relevance
 *     range (values are divided by it and clipped to [-1, 1]); default 0.05. A fixed unit, not
 *     the spread of the estimates, so that estimates shrunk to near zero (no evidence) barely move
 *     the ranking
 * @param diversityWindow how far back the diversity term looks: a candidate counts as similar
 *     when an item of its category was placed among the previous {@code diversityWindow}
 *     positions; 0 = anywhere before it (the default). A window of about one page keeps every
 *     page of a long feed diverse; without one, once every category has been placed the term is
 *     the same for all candidates and later pages are not diversified at all
 * @param valueByRelevance weigh each candidate's value term by its normalised relevance
 *     ({@code relevance + lambda x relevance x value}): a long-term value accrues only when the
 *     item is consumed, so a valuable item the user is unlikely to take gains little; off (the
 *     default) adds the value term alike for every candidate
 * @param categorySlate the category plan ({@link CategorySlate}) in place of item-by-item MMR;
 *     null (the default) = off
 */
public record RerankConfig(Map<StagePolicy, StageSettings> stages, double churnRiskBoost,
    int candidates, double valueUnit, int diversityWindow, boolean valueByRelevance,
    CategorySlate categorySlate) {
  public RerankConfig {
    if (stages == null || stages.size() != StagePolicy.values().length) {
      throw new IllegalArgumentException("stages must give settings for every stage policy "
          + java.util.Arrays.toString(StagePolicy.values()) + ", got "
          + (stages == null ? "none" : stages.keySet()));
    }
    stages = Map.copyOf(stages);
    if (!(churnRiskBoost >= 0) || candidates < 1 || !(valueUnit > 0) || diversityWindow < 0) {
      throw new IllegalArgumentException("churnRiskBoost " + churnRiskBoost + ", candidates "
          + candidates + ", valueUnit " + valueUnit + ", diversityWindow " + diversityWindow
          + "; need boost >= 0, at least 1 candidate, a unit > 0 and a window >= 0");
    }
  }

  /** Settings without a category plan. */
  public RerankConfig(Map<StagePolicy, StageSettings> stages, double churnRiskBoost,
      int candidates, double valueUnit, int diversityWindow, boolean valueByRelevance) {
    this(stages, churnRiskBoost, candidates, valueUnit, diversityWindow, valueByRelevance, null);
  }

  /** Settings whose diversity term looks at every earlier position ({@code diversityWindow} 0). */
  public RerankConfig(Map<StagePolicy, StageSettings> stages, double churnRiskBoost,
      int candidates, double valueUnit) {
    this(stages, churnRiskBoost, candidates, valueUnit, 0, false);
  }

  /** These settings with the diversity term looking back {@code window} positions (0 = all). */
  public RerankConfig withDiversityWindow(int window) {
    return new RerankConfig(stages, churnRiskBoost, candidates, valueUnit, window,
        valueByRelevance, categorySlate);
  }

  /** These settings with the value term weighed by relevance, or not. */
  public RerankConfig withValueByRelevance(boolean on) {
    return new RerankConfig(stages, churnRiskBoost, candidates, valueUnit, diversityWindow, on,
        categorySlate);
  }

  /** These settings with the category plan {@code slate} (null = off). */
  public RerankConfig withCategorySlate(CategorySlate slate) {
    return new RerankConfig(stages, churnRiskBoost, candidates, valueUnit, diversityWindow,
        valueByRelevance, slate);
  }

  /** These settings with a re-rank pool of {@code n} candidates. */
  public RerankConfig withCandidates(int n) {
    return new RerankConfig(stages, churnRiskBoost, n, valueUnit, diversityWindow,
        valueByRelevance, categorySlate);
  }

  /** These settings with every stage's settings replaced by {@code m}. */
  public RerankConfig withStages(Map<StagePolicy, StageSettings> m) {
    return new RerankConfig(m, churnRiskBoost, candidates, valueUnit, diversityWindow,
        valueByRelevance, categorySlate);
  }

  /**
   * Defaults set from the stage definitions, not tuned on the lab: new users get breadth (MMR
   * 0.3), 10% exploration and gateway items; activating users breadth and gateway items; active
   * users relevance plus value; at-risk users the largest value weight; loyal users novelty.
   */
  public static RerankConfig defaults() {
    Map<StagePolicy, StageSettings> m = new EnumMap<>(StagePolicy.class);
    m.put(StagePolicy.NEW, new StageSettings(0.5, true, 0.3, 0.0, 0.1));
    m.put(StagePolicy.ACTIVATING, new StageSettings(0.5, true, 0.3, 0.0, 0.05));
    m.put(StagePolicy.ACTIVE, new StageSettings(0.5, false, 0.2, 0.0, 0.0));
    m.put(StagePolicy.AT_RISK, new StageSettings(1.0, false, 0.2, 0.0, 0.0));
    m.put(StagePolicy.LOYAL, new StageSettings(0.3, false, 0.2, 0.2, 0.0));
    return new RerankConfig(m, 1.0, 50, 0.05);
  }

  public StageSettings settings(StagePolicy policy) {
    return stages.get(policy);
  }
}
