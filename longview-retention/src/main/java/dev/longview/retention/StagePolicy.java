package dev.longview.retention;

import dev.longview.lifecycle.UserState;
import java.util.Locale;

/**
 * The re-ranking policy chosen by a user's lifecycle state: what the retention-aware re-ranker
 * optimises for that user ({@link StageSettings} per policy in {@link RerankConfig}).
 */
public enum StagePolicy {
  /** First days, nothing learnt yet: breadth, exploration and proven gateway items. */
  NEW,
  /** Activated but young (or resurrected): keep breadth and gateway items. */
  ACTIVATING,
  /** A returning user: relevance plus long-term value. */
  ACTIVE,
  /** At risk, dormant or churned and back: the items with the highest return effect. */
  AT_RISK,
  /** Loyal or converted: novelty (topics they have not consumed yet). */
  LOYAL;

  /** The policy for a lifecycle state; {@code null} (never seen) is {@link #NEW}. */
  public static StagePolicy of(UserState state) {
    if (state == null) {
      return NEW;
    }
    return switch (state) {
      case NEW -> NEW;
      case ACTIVATED, RESURRECTED -> ACTIVATING;
      case ACTIVE -> ACTIVE;
      case AT_RISK, DORMANT, CHURNED -> AT_RISK;
      case LOYAL, CONVERTED -> LOYAL;
    };
  }

  /** "new", "at_risk", ... as reported in responses. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
