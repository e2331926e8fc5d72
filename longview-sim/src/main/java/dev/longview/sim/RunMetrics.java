package dev.longview.sim;

import dev.longview.lab.sim.Outcomes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scores of one (policy, seed) run, computed from the world's {@link Outcomes}.
 *
 * <ul>
 *   <li>{@code dau}: mean daily active users over the run's days;
 *   <li>{@code d1Retention}, {@code d7Retention}, {@code d30Retention}: N-day retention of the
 *       arrival cohorts (PROTOCOLS.md section 4, "N-day": active on exactly day arrival + n),
 *       pooled over every cohort whose day n lies inside the run;
 *   <li>{@code engagement}: total engagement minutes; {@code ctr}: clicks per impression;
 *   <li>{@code returnGap}: mean days between a user's consecutive visits;
 *   <li>{@code churned}: users who left for good (the one number taken from hidden state);
 *   <li>{@code diversity}: mean share of item pairs within a slate from different topics;
 *   <li>{@code sessions}, {@code purchases}: totals;
 *   <li>{@code satisfaction}, {@code clickbait}: diagnostics from hidden state (mean SAT at
 *       session end, mean click-bait of clicked items), to explain the other numbers;
 *   <li>{@code stageNew} ... {@code stageDormant}: the share of sessions whose first page the
 *       policy served under each lifecycle stage (the pipeline response's {@code stage}: the
 *       retention stage's policy for {@code longview}, the simple activity stage for
 *       {@code myopic}; 0 for policies without stages).
 * </ul>
 */
public final class RunMetrics {
  /** Metric names in report order. */
  public static final String[] NAMES = {"dau", "d1Retention", "d7Retention", "d30Retention",
      "engagement", "ctr", "returnGap", "churned", "diversity", "sessions", "purchases", "satisfaction", "clickbait",
      "stageNew", "stageActivating", "stageActive", "stageAtRisk", "stageLoyal", "stageDormant"};

  /** Stage labels (as the pipeline's response reports them) behind the {@code stage...} metrics. */
  static final String[] STAGES = {"new", "activating", "active", "at_risk", "loyal", "dormant"};

  private RunMetrics() {}

  public static Map<String, Double> of(Outcomes o) {
    return of(o, Map.of());
  }

  /**
   * As {@link #of(Outcomes)}, with {@code stages}: how many sessions' first page the policy
   * served under each stage label (the response's stage). The {@code stage...} metrics are each
   * label's share of those sessions (0 when the policy reports none).
   */
  public static Map<String, Double> of(Outcomes o, Map<String, Long> stages) {
    Map<String, Double> m = new LinkedHashMap<>();
    long activeUserDays = 0;
    for (int u = 0; u < o.users(); u++) {
      for (int d = 0; d < o.days(); d++) {
        activeUserDays += o.active(u, d) ? 1 : 0;
      }
    }
    m.put("dau", (double) activeUserDays / o.days());
    m.put("d1Retention", retention(o, 1));
    m.put("d7Retention", retention(o, 7));
    m.put("d30Retention", retention(o, 30));
    m.put("engagement", o.engagementMinutes());
    m.put("ctr", o.impressions() == 0 ? 0 : (double) o.clicks() / o.impressions());
    m.put("returnGap", o.meanReturnGapDays());
    m.put("churned", (double) o.churnedUsers());
    m.put("diversity", o.meanSlateDiversity());
    m.put("sessions", (double) o.sessions());
    m.put("purchases", (double) o.purchases());
    m.put("satisfaction", o.meanSessionEndSatisfaction());
    m.put("clickbait", o.meanClickedClickbait());
    long total = stages.values().stream().mapToLong(Long::longValue).sum();
    for (int k = 0; k < STAGES.length; k++) {
      m.put(NAMES[NAMES.length - STAGES.length + k],
          total == 0 ? 0.0 : stages.getOrDefault(STAGES[k], 0L) / (double) total);
    }
    return m;
  }

  /** Share of users with day arrival + n inside the run who were active on that day; NaN if none. */
  static double retention(Outcomes o, int n) {
    long eligible = 0;
    long retained = 0;
    for (int u = 0; u < o.users(); u++) {
      int d = o.arrivalDay(u) + n;
      if (d < o.days()) {
        eligible++;
        retained += o.active(u, d) ? 1 : 0;
      }
    }
    return eligible == 0 ? Double.NaN : (double) retained / eligible;
  }
}
