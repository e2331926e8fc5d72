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
 *       session end, mean click-bait of clicked items), to explain the other numbers.
 * </ul>
 */
public final class RunMetrics {
  /** Metric names in report order. */
  public static final String[] NAMES = {"dau", "d1Retention", "d7Retention", "d30Retention",
      "engagement", "ctr", "returnGap", "churned", "diversity", "sessions", "purchases", "satisfaction", "clickbait"};

  private RunMetrics() {}

  public static Map<String, Double> of(Outcomes o) {
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
