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
 *       pooled over every cohort whose day n lies inside the run; and the same per weekly
 *       arrival cohort ({@link #cohortNames}: {@code d30Retention.week1} = users who arrived on
 *       days 0-6; NaN when no user of the cohort has day n inside the run), with each cohort's
 *       size ({@code arrivals.week1});
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
    for (int w = 0; w < weeks(o.days()); w++) {
      int first = 7 * w;
      int last = Math.min(o.days(), first + 7) - 1;
      long arrived = 0;
      for (int u = 0; u < o.users(); u++) {
        arrived += o.arrivalDay(u) >= first && o.arrivalDay(u) <= last ? 1 : 0;
      }
      m.put("arrivals.week" + (w + 1), (double) arrived);
      for (int n : COHORT_DAYS) {
        m.put("d" + n + "Retention.week" + (w + 1), retention(o, n, first, last));
      }
    }
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

  /** The N of the per-cohort retention metrics. */
  static final int[] COHORT_DAYS = {1, 7, 30};

  /** Weekly arrival cohorts of a run of {@code days} days (the last may be shorter). */
  static int weeks(int days) {
    return (days + 6) / 7;
  }

  /**
   * The per-cohort metric names of a run of {@code days} days, in report order: for each weekly
   * cohort its size, then its D1, D7 and D30 retention.
   */
  public static java.util.List<String> cohortNames(int days) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int w = 1; w <= weeks(days); w++) {
      names.add("arrivals.week" + w);
      for (int n : COHORT_DAYS) {
        names.add("d" + n + "Retention.week" + w);
      }
    }
    return names;
  }

  /** Share of users with day arrival + n inside the run who were active on that day; NaN if none. */
  static double retention(Outcomes o, int n) {
    return retention(o, n, 0, Integer.MAX_VALUE);
  }

  /** {@link #retention(Outcomes, int)} over the users who arrived on days {@code first..last}. */
  static double retention(Outcomes o, int n, int first, int last) {
    long eligible = 0;
    long retained = 0;
    for (int u = 0; u < o.users(); u++) {
      int d = o.arrivalDay(u) + n;
      if (o.arrivalDay(u) >= first && o.arrivalDay(u) <= last && d < o.days()) {
        eligible++;
        retained += o.active(u, d) ? 1 : 0;
      }
    }
    return eligible == 0 ? Double.NaN : (double) retained / eligible;
  }
}
