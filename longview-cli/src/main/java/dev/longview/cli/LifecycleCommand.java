package dev.longview.cli;

import dev.longview.churn.ChurnEvaluation;
import dev.longview.churn.ChurnRisk;
import dev.longview.lifecycle.ActiveDays;
import dev.longview.lifecycle.ActivityLog;
import dev.longview.lifecycle.CommerceMetrics;
import dev.longview.lifecycle.Engagement;
import dev.longview.lifecycle.Interval;
import dev.longview.lifecycle.LifecycleClassifier;
import dev.longview.lifecycle.LifecycleConfig;
import dev.longview.lifecycle.LifecycleTable;
import dev.longview.lifecycle.RetentionTable;
import dev.longview.lifecycle.ReturnScores;
import dev.longview.lifecycle.Segments;
import dev.longview.lifecycle.Stage;
import dev.longview.lifecycle.UserState;
import dev.longview.store.EventStore;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "lifecycle",
    description = "PostHog lifecycle per interval (new, returning, resurrecting, dormant), user states,"
        + " AARRR stages, DAU/WAU/MAU, commerce metrics and cohort retention, as of an instant.")
final class LifecycleCommand implements Runnable {
  @Mixin DatabaseOption database;
  @Option(names = "--interval", required = true, paramLabel = "day|week|month",
      description = "Interval of the lifecycle and retention tables.")
  String interval;
  @Option(names = "--as-of", paramLabel = "T",
      description = "Instant (2011-12-10T00:00:00Z), local date-time or date (start of that day in --zone)."
          + " Only events strictly before it count. Default: just after the last event.")
  String asOf;
  @Option(names = "--zone", defaultValue = "UTC", paramLabel = "Z",
      description = "Time zone of days, weeks and months. Default: ${DEFAULT-VALUE}.")
  String zone;
  @Option(names = "--periods", defaultValue = "12", paramLabel = "N",
      description = "Intervals shown, ending with the as-of one. Default: ${DEFAULT-VALUE}.")
  int periods;
  @Option(names = "--profile", defaultValue = "commerce", paramLabel = "commerce|content",
      description = "Milestone defaults (activation, loyalty). Default: ${DEFAULT-VALUE}.")
  String profile;
  @Option(names = "--cohorts", defaultValue = "first-time", paramLabel = "first-time|recurring",
      description = "Retention cohorts by first or by every active interval. Default: ${DEFAULT-VALUE}.")
  String cohorts;
  @Option(names = "--retention", defaultValue = "n-day", paramLabel = "n-day|unbounded",
      description = "Retention variant: returned in exactly interval n, or in n or later. Default: ${DEFAULT-VALUE}.")
  String variant;
  @Option(names = "--user", paramLabel = "ID",
      description = "Also show this user's state, AARRR stage and history of state changes (one per interval end).")
  String user;
  @Option(names = "--split-by", paramLabel = "ATTR",
      description = "Also split the lifecycle table, DAU/WAU/MAU and commerce metrics by this user attribute (e.g. country).")
  String splitBy;
  @Option(names = "--churn-risk", description = "Feed each user's churn-model probability of"
      + " returning within --churn-horizon-days (the L2 logistic regression of `churn eval`, trained"
      + " on every monthly cutoff whose labels end by --as-of) into the at-risk rule: at-risk also"
      + " when it is below the profile's atRiskProbability (0.3). The --user history of past"
      + " states uses the gap rule only.")
  boolean churnRisk;
  @Option(names = "--churn-horizon-days", defaultValue = "90", paramLabel = "N",
      description = "Horizon of --churn-risk's return probability. Default: ${DEFAULT-VALUE}.")
  int churnHorizonDays;
  @Option(names = "--json", description = "Print one JSON object.") boolean json;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    Interval iv = parse(() -> Interval.parse(interval));
    ZoneId z = zone(zone);
    LifecycleConfig config = parse(() -> LifecycleConfig.profile(profile));
    RetentionTable.Cohorts cohortKind = switch (cohorts) {
      case "first-time" -> RetentionTable.Cohorts.FIRST_TIME;
      case "recurring" -> RetentionTable.Cohorts.RECURRING;
      default -> throw new UserError("--cohorts was \"" + cohorts + "\"; use first-time or recurring");
    };
    RetentionTable.Variant v = switch (variant) {
      case "n-day" -> RetentionTable.Variant.N_DAY;
      case "unbounded" -> RetentionTable.Variant.UNBOUNDED;
      default -> throw new UserError("--retention was \"" + variant + "\"; use n-day or unbounded");
    };
    if (periods < 1 || periods > 1000) {
      throw new UserError("--periods was " + periods + "; use 1 to 1000");
    }
    ActivityLog log;
    Instant t;
    try (EventStore store = database.openExisting()) {
      t = asOf == null ? defaultAsOf(store) : asOf(asOf, z);
      log = ActivityLog.load(store);
    }
    long start = System.nanoTime();
    ActiveDays activity = ActiveDays.of(log, config, t, z);
    int lastPeriod = iv.period(activity.asOfDay());
    LocalDate first = iv.start(lastPeriod - periods + 1);
    LifecycleTable table = LifecycleTable.of(activity, iv, first);
    RetentionTable retention = RetentionTable.of(activity, iv, cohortKind, v, first, periods - 1,
        u -> true);
    ReturnScores scores = ReturnScores.NONE;
    int scored = 0;
    int belowThreshold = 0;
    if (churnRisk) {
      if (churnHorizonDays < 1 || churnHorizonDays > 3650) {
        throw new UserError("--churn-horizon-days was " + churnHorizonDays + "; use 1 to 3650");
      }
      ReturnScores model = churnScores(log, config, z, t);
      double[] p = new double[log.users()];
      for (int u = 0; u < p.length; u++) {
        p[u] = model.probabilityOfReturn(u);
        if (!Double.isNaN(p[u])) {
          scored++;
          belowThreshold += p[u] < config.atRiskProbability() ? 1 : 0;
        }
      }
      scores = u -> p[u];
    }
    var states = LifecycleClassifier.classify(log, config, t, z, scores);
    Engagement.ActiveUsers active = Engagement.on(activity, u -> true);
    CommerceMetrics commerce = CommerceMetrics.of(log, config,
        first.atStartOfDay(z).toInstant(), t, u -> true);
    Map<String, Map<String, Object>> segments = new LinkedHashMap<>();
    if (splitBy != null) {
      Segments.byAttribute(log, splitBy).forEach((value, include) -> {
        Map<String, Object> seg = new LinkedHashMap<>();
        seg.put("periods", LifecycleTable.of(activity, iv, first, include).jsonRows());
        Engagement.ActiveUsers a = Engagement.on(activity, include);
        seg.put("dau", a.dau());
        seg.put("wau", a.wau());
        seg.put("mau", a.mau());
        seg.put("commerce", commerce(CommerceMetrics.of(log, config,
            first.atStartOfDay(z).toInstant(), t, include), first));
        segments.put(value, seg);
      });
    }
    Map<String, Object> userReport = null;
    if (user != null) {
      int u = log.userIndex(user);
      if (u < 0) {
        throw new UserError("no user \"" + user + "\" in the database; check the external id");
      }
      userReport = new LinkedHashMap<>();
      userReport.put("id", user);
      userReport.put("state", states.state()[u] == null ? null : states.state()[u].label());
      userReport.put("stage", states.stage()[u] == null ? null : states.stage()[u].label());
      List<Map<String, Object>> history = new ArrayList<>();
      for (LifecycleClassifier.Transition tr : LifecycleClassifier.history(log, config, t, z, u, iv)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", tr.at().toString());
        m.put("from", tr.from() == null ? null : tr.from().label());
        m.put("to", tr.to() == null ? null : tr.to().label());
        history.add(m);
      }
      userReport.put("history", history);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("interval", iv.label());
      o.put("asOf", t.toString());
      o.put("zone", z.getId());
      o.put("periods", table.jsonRows());
      Map<String, Integer> st = new LinkedHashMap<>();
      states.stateCounts().forEach((k, n) -> st.put(k.label(), n));
      o.put("states", st);
      Map<String, Integer> sg = new LinkedHashMap<>();
      states.stageCounts().forEach((k, n) -> sg.put(k.label(), n));
      o.put("stages", sg);
      if (churnRisk) {
        o.put("churnModel", Map.of("horizonDays", churnHorizonDays, "scoredUsers", scored,
            "atRiskProbability", config.atRiskProbability(), "belowThreshold", belowThreshold));
      }
      o.put("activeUsers", Map.of("day", LocalDate.ofEpochDay(active.day()).toString(),
          "dau", active.dau(), "wau", active.wau(), "mau", active.mau(),
          "dauOverMau", Output.round(active.dauOverMau(), 4)));
      o.put("commerce", commerce(commerce, first));
      List<Map<String, Object>> cs = new ArrayList<>();
      for (RetentionTable.Cohort co : retention.rows()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", co.start().toString());
        m.put("size", co.size());
        m.put("values", java.util.Arrays.stream(co.values()).map(x -> Output.round(x, 4)).boxed().toList());
        cs.add(m);
      }
      Map<String, Object> ret = new LinkedHashMap<>();
      ret.put("type", cohorts);
      ret.put("variant", variant);
      ret.put("cohorts", cs);
      o.put("retention", ret);
      if (userReport != null) {
        o.put("user", userReport);
      }
      if (splitBy != null) {
        o.put("splitBy", splitBy);
        o.put("segments", segments);
      }
      o.put("seconds", Output.round(seconds, 3));
      Output.json(out, o);
      return;
    }
    out.printf("lifecycle by %s in %s, as of %s (%s profile)%n", iv.label(), z.getId(), t, profile);
    out.printf("%-12s %8s %10s %13s %8s%n", "start", "new", "returning", "resurrecting", "dormant");
    for (LifecycleTable.Row r : table.rows()) {
      out.printf("%-12s %8d %10d %13d %8d%n", r.start(), r.newUsers(), r.returning(),
          r.resurrecting(), r.dormant());
    }
    out.println();
    out.println(churnRisk ? String.format("user states (at-risk includes the churn model: %s users"
        + " scored, %s with P(return within %d days) < %.2f):", Output.count(scored),
        Output.count(belowThreshold), churnHorizonDays, config.atRiskProbability())
        : "user states:");
    for (UserState s : UserState.values()) {
      out.printf("  %-12s %10s%n", s.label(), Output.count(states.stateCounts().get(s)));
    }
    out.println("AARRR stages:");
    for (Stage s : Stage.values()) {
      out.printf("  %-12s %10s%n", s.label(), Output.count(states.stageCounts().get(s)));
    }
    out.printf("%nDAU %d, WAU %d, MAU %d, DAU/MAU %.3f on %s%n", active.dau(), active.wau(),
        active.mau(), active.dauOverMau(), LocalDate.ofEpochDay(active.day()));
    out.printf("since %s: orders %s, revenue %.2f, AOV %.2f, customers %s, purchase frequency %.3f,"
            + " repeat purchase rate %.3f, conversion rate %.3f%n", first,
        Output.count(commerce.orders()), commerce.revenue(), commerce.aov(),
        Output.count(commerce.customers()), commerce.purchaseFrequency(),
        commerce.repeatPurchaseRate(), commerce.conversionRate());
    out.printf("%nretention (%s cohorts, %s), share of the cohort by offset:%n", cohorts, variant);
    StringBuilder header = new StringBuilder(String.format("%-12s %7s", "cohort", "size"));
    for (int n = 0; n < periods; n++) {
      header.append(String.format(" %6s", n));
    }
    out.println(header);
    for (RetentionTable.Cohort co : retention.rows()) {
      StringBuilder line = new StringBuilder(String.format("%-12s %7d", co.start(), co.size()));
      for (double x : co.values()) {
        line.append(String.format(" %5.1f%%", 100 * x));
      }
      out.println(line);
    }
    if (splitBy != null) {
      out.printf("%nby %s: active users in the last interval, MAU, orders, revenue, customers since %s%n",
          splitBy, first);
      segments.forEach((value, seg) -> {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) seg.get("periods");
        Map<String, Object> last = rows.get(rows.size() - 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) seg.get("commerce");
        int activeNow = (int) last.get("new") + (int) last.get("returning") + (int) last.get("resurrecting");
        out.printf("  %-24s %8d %8d %10s %14.2f %10s%n", value, activeNow, seg.get("mau"),
            Output.count((long) c.get("orders")), (double) c.get("revenue"),
            Output.count((long) c.get("customers")));
      });
    }
    if (userReport != null) {
      out.printf("%nuser %s: %s, stage %s; history:%n", user, userReport.get("state"),
          userReport.get("stage"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> history = (List<Map<String, Object>>) userReport.get("history");
      for (Map<String, Object> h : history) {
        out.printf("  %s  %s -> %s%n", h.get("at"), h.get("from") == null ? "-" : h.get("from"),
            h.get("to"));
      }
    }
    out.printf("%ncomputed in %.3f s after loading %s events%n", seconds, Output.count(log.events()));
  }

  private static Map<String, Object> commerce(CommerceMetrics commerce, LocalDate first) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("from", first.toString());
    c.put("orders", commerce.orders());
    c.put("revenue", Output.round(commerce.revenue(), 2));
    c.put("aov", Output.round(commerce.aov(), 2));
    c.put("customers", commerce.customers());
    c.put("purchaseFrequency", Output.round(commerce.purchaseFrequency(), 4));
    c.put("repeatPurchaseRate", Output.round(commerce.repeatPurchaseRate(), 4));
    c.put("conversionRate", Output.round(commerce.conversionRate(), 4));
    return c;
  }

  static <T> T parse(java.util.function.Supplier<T> f) {
    try {
      return f.get();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  static ZoneId zone(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new UserError("--zone \"" + zone + "\" is not a time zone; use e.g. UTC,"
          + " Europe/London or +02:00");
    }
  }

  /** Just after the store's last event, so that every event counts. */
  static Instant defaultAsOf(EventStore store) {
    Instant last = store.counts().lastEvent();
    if (last == null) {
      throw new UserError("the database has no events; import some first with `longview import`");
    }
    return last.plusMillis(1);
  }

  private ReturnScores churnScores(ActivityLog log, LifecycleConfig config, ZoneId z, Instant t) {
    try {
      return ChurnRisk.returnScores(log, config, z, t,
          ChurnEvaluation.Config.defaults().withHorizonDays(churnHorizonDays));
    } catch (IllegalArgumentException e) {
      throw new UserError("--churn-risk: " + e.getMessage());
    }
  }

  static Instant asOf(String text, ZoneId zone) {
    String s = text.trim();
    try {
      return Instant.parse(s);
    } catch (DateTimeException ignored) {
      // try the other forms
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeException ignored) {
      // try the other forms
    }
    try {
      return LocalDateTime.parse(s).atZone(zone).toInstant();
    } catch (DateTimeException ignored) {
      // try the other forms
    }
    try {
      return LocalDate.parse(s).atStartOfDay(zone).toInstant();
    } catch (DateTimeException e) {
      throw new UserError("--as-of \"" + text + "\" is not a time; use an instant like"
          + " 2011-12-10T00:00:00Z, a local date-time like 2011-12-10T00:00 or a date like 2011-12-10");
    }
  }
}
