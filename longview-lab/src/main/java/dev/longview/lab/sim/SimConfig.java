package dev.longview.lab.sim;

import java.time.Instant;

/**
 * Everything the policy lab's simulated world is made of. Checks itself on construction; start
 * from {@link #defaults()} and change what an experiment varies with the {@code with...} methods.
 * The parameters named after a paper take that paper's published default (PROTOCOLS.md section 5);
 * the few that join the designs together are marked "lab" and documented in {@link World}.
 *
 * @param users simulated users (each arrives once, on a day drawn uniformly from
 *     {@code [0, arrivalDays)})
 * @param days simulated days
 * @param arrivalDays users arrive over the first this-many days (default half of {@code days}, so
 *     that every arrival cohort can be followed for 30 days in a 60-day run)
 * @param itemsPerTopic catalogue size per topic
 * @param topics number of topics (RecSim interest evolution: 20)
 * @param lowQualityTopics topics whose mean quality lies in [-3, 0] (RecSim: 14); the others lie
 *     in [0, 3]
 * @param qualitySd spread of item quality around its topic's mean (RecSim: 0.1)
 * @param clickbaitSd lab: an item's click-bait is {@code clamp(0.5 - quality / 6 + N(0, sd))}
 * @param slateSize items per slate
 * @param maxSlatesPerSession a session ends after this many slates at the latest
 * @param sessionBudget RecSim interest evolution's time budget B, in minutes, at session start
 * @param qualityBudgetBoost RecSim's alpha_b: a click of quality q changes the budget by
 *     {@code -w + alpha_b * w * q} (w = engagement minutes)
 * @param skipPenalty budget lost on a slate without a click (RecSim: 0.5)
 * @param noClickMass the proportional choice model's mass for "no click"
 * @param interestStep how far a click moves the interest in the item's topic (RecSim interest
 *     evolution's drift, scaled by {@code 1 - |interest|})
 * @param memoryDiscount RecSim long-term satisfaction beta (0.7)
 * @param sensitivity RecSim long-term satisfaction tau: SAT = sigmoid(tau * NPE) (0.01 there)
 * @param innovationSd RecSim eta (0.05)
 * @param chocolateMean RecSim mu_choc (5)
 * @param kaleMean RecSim mu_kale (4)
 * @param engagementSd RecSim sd_choc = sd_kale (1)
 * @param engagementScale lab: engagement minutes = this x the log-normal draw, so that a session
 *     budget in minutes holds a few clicks
 * @param returnBase KuaiSim p0 (0.4)
 * @param feedbackWeight KuaiSim beta_fb (0.1): weight of the session's mean feedback (the share of
 *     its slates that got a click)
 * @param satisfactionWeight lab: weight of {@code SAT - 0.5} in the return probability
 * @param userBiasSd KuaiSim per-user return bias b_user ~ N(0, sd)
 * @param maxReturnDays KuaiSim's return horizon (10): the return day is {@code 1 + k} with
 *     {@code P(k) = P (1 - P)^k} for {@code k < maxReturnDays}; the remaining mass
 *     {@code (1 - P)^maxReturnDays} is the chance the user never comes back (churns)
 * @param redundancyPenalty KuaiSim rho (0.2): click probabilities are multiplied by
 *     {@code 1 - rho * mean pairwise same-topic share} of the slate
 * @param purchaseRate lab: P(buy | click) = rate x SAT x (affinity + 1) / 2 x min(1, 20 / price)
 * @param start the instant day 0 begins (UTC)
 */
public record SimConfig(
    int users,
    int days,
    int arrivalDays,
    int itemsPerTopic,
    int topics,
    int lowQualityTopics,
    double qualitySd,
    double clickbaitSd,
    int slateSize,
    int maxSlatesPerSession,
    double sessionBudget,
    double qualityBudgetBoost,
    double skipPenalty,
    double noClickMass,
    double interestStep,
    double memoryDiscount,
    double sensitivity,
    double innovationSd,
    double chocolateMean,
    double kaleMean,
    double engagementSd,
    double engagementScale,
    double returnBase,
    double feedbackWeight,
    double satisfactionWeight,
    double userBiasSd,
    int maxReturnDays,
    double redundancyPenalty,
    double purchaseRate,
    Instant start) {

  public SimConfig {
    if (users < 1 || days < 1 || arrivalDays < 1 || arrivalDays > days) {
      throw new IllegalArgumentException("users " + users + ", days " + days + ", arrivalDays "
          + arrivalDays + "; need users >= 1, days >= 1 and 1 <= arrivalDays <= days");
    }
    if (topics < 1 || lowQualityTopics < 0 || lowQualityTopics > topics || itemsPerTopic < 1) {
      throw new IllegalArgumentException("topics " + topics + ", lowQualityTopics "
          + lowQualityTopics + ", itemsPerTopic " + itemsPerTopic
          + "; need topics >= 1, 0 <= lowQualityTopics <= topics, itemsPerTopic >= 1");
    }
    if (slateSize < 1 || maxSlatesPerSession < 1) {
      throw new IllegalArgumentException("slateSize " + slateSize + ", maxSlatesPerSession "
          + maxSlatesPerSession + "; both must be at least 1");
    }
    if (!(sensitivity >= 0) || !(memoryDiscount >= 0 && memoryDiscount < 1)) {
      throw new IllegalArgumentException("sensitivity " + sensitivity + ", memoryDiscount "
          + memoryDiscount + "; need sensitivity >= 0 and memoryDiscount in [0, 1)");
    }
    if (!(sessionBudget > 0) || !(noClickMass >= 0) || maxReturnDays < 1
        || !(redundancyPenalty >= 0 && redundancyPenalty <= 1) || !(engagementScale > 0)) {
      throw new IllegalArgumentException("sessionBudget " + sessionBudget + ", noClickMass "
          + noClickMass + ", maxReturnDays " + maxReturnDays + ", redundancyPenalty "
          + redundancyPenalty + ", engagementScale " + engagementScale
          + "; need budget > 0, mass >= 0, return days >= 1, penalty in [0, 1], scale > 0");
    }
    if (start == null) {
      throw new IllegalArgumentException("start was null; e.g. Instant.parse(\"2026-01-01T00:00:00Z\")");
    }
  }

  /** The published defaults and the lab's documented choices: 2,000 users over 60 days. */
  public static SimConfig defaults() {
    return new SimConfig(2000, 60, 30, 50, 20, 14, 0.1, 0.2, 6, 20, 40.0, 0.265, 0.5, 6.0, 0.1,
        0.7, 0.01, 0.05, 5.0, 4.0, 1.0, 0.5, 0.4, 0.1, 0.5, 0.1, 10, 0.2, 0.1,
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  public SimConfig withUsers(int n) {
    return new SimConfig(n, days, arrivalDays, itemsPerTopic, topics, lowQualityTopics, qualitySd,
        clickbaitSd, slateSize, maxSlatesPerSession, sessionBudget, qualityBudgetBoost, skipPenalty,
        noClickMass, interestStep, memoryDiscount, sensitivity, innovationSd, chocolateMean,
        kaleMean, engagementSd, engagementScale, returnBase, feedbackWeight, satisfactionWeight,
        userBiasSd, maxReturnDays, redundancyPenalty, purchaseRate, start);
  }

  /** Sets the horizon and lets users arrive over its first half. */
  public SimConfig withDays(int d) {
    return new SimConfig(users, d, Math.max(1, d / 2), itemsPerTopic, topics, lowQualityTopics,
        qualitySd, clickbaitSd, slateSize, maxSlatesPerSession, sessionBudget, qualityBudgetBoost,
        skipPenalty, noClickMass, interestStep, memoryDiscount, sensitivity, innovationSd,
        chocolateMean, kaleMean, engagementSd, engagementScale, returnBase, feedbackWeight,
        satisfactionWeight, userBiasSd, maxReturnDays, redundancyPenalty, purchaseRate, start);
  }

  public SimConfig withSensitivity(double tau) {
    return new SimConfig(users, days, arrivalDays, itemsPerTopic, topics, lowQualityTopics,
        qualitySd, clickbaitSd, slateSize, maxSlatesPerSession, sessionBudget, qualityBudgetBoost,
        skipPenalty, noClickMass, interestStep, memoryDiscount, tau, innovationSd, chocolateMean,
        kaleMean, engagementSd, engagementScale, returnBase, feedbackWeight, satisfactionWeight,
        userBiasSd, maxReturnDays, redundancyPenalty, purchaseRate, start);
  }

  public SimConfig withItemsPerTopic(int n) {
    return new SimConfig(users, days, arrivalDays, n, topics, lowQualityTopics, qualitySd,
        clickbaitSd, slateSize, maxSlatesPerSession, sessionBudget, qualityBudgetBoost, skipPenalty,
        noClickMass, interestStep, memoryDiscount, sensitivity, innovationSd, chocolateMean,
        kaleMean, engagementSd, engagementScale, returnBase, feedbackWeight, satisfactionWeight,
        userBiasSd, maxReturnDays, redundancyPenalty, purchaseRate, start);
  }

  /** Total catalogue size. */
  public int items() {
    return topics * itemsPerTopic;
  }
}
