package dev.longview.cli;

import dev.longview.lab.sim.SimConfig;
import dev.longview.sim.LabRunner;
import dev.longview.sim.RunMetrics;
import dev.longview.sim.Summary;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lab", description = "The policy lab: long-term retention of recommendation"
    + " policies on simulated users (PROTOCOLS.md section 5).",
    subcommands = {LabCommand.Run.class})
final class LabCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "run", description = {
      "Run policies against the simulated world: each (policy, seed) in its own SQLite store,"
          + " retrained every simulated day from the observable events only.",
      "Prints per policy the mean and 95% interval over seeds of DAU, D1/D7/D30 retention of the"
          + " arrival cohorts, engagement, CTR, mean return gap, churned users and diversity."})
  static final class Run implements Runnable {
    @Option(names = "--policy", split = ",", defaultValue = "random,popular,myopic,longview",
        description = "policies, comma-separated: random, popular, myopic, longview"
            + " (default: ${DEFAULT-VALUE})")
    List<String> policies;
    @Option(names = "--days", defaultValue = "60", description = "simulated days (default: ${DEFAULT-VALUE}); users arrive over the first half")
    int days;
    @Option(names = "--users", defaultValue = "2000", description = "simulated users (default: ${DEFAULT-VALUE})")
    int users;
    @Option(names = "--seeds", defaultValue = "5", description = "seeds per policy (default: ${DEFAULT-VALUE})")
    int seeds;
    @Option(names = "--seed-start", defaultValue = "1", description = "the first seed: runs"
        + " seeds START..START+S-1 (default: ${DEFAULT-VALUE}; the lab's settings were tuned on"
        + " seeds 100-104)")
    long seedStart;
    @Option(names = "--sensitivity", defaultValue = "0.01", description = "RecSim's tau: how"
        + " much satisfaction reacts to click-bait (default: ${DEFAULT-VALUE}, RecSim's default;"
        + " sweep 0.01, 0.1, 1)")
    double sensitivity;
    @Option(names = "--threads", description = "runs in parallel (default: available processors)")
    Integer threads;
    @Option(names = "--impressions", description = "also store an impression event per shown"
        + " item (no policy reads them; several times slower)")
    boolean impressions;
    @Option(names = "--json", description = "print one JSON object") boolean json;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      if (days < 1 || users < 1 || seeds < 1 || !(sensitivity >= 0)) {
        throw new UserError("--days " + days + ", --users " + users + ", --seeds " + seeds
            + ", --sensitivity " + sensitivity + ": days, users and seeds must be at least 1 and"
            + " the sensitivity >= 0");
      }
      SimConfig world = SimConfig.defaults().withUsers(users).withDays(days)
          .withSensitivity(sensitivity);
      int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      LabRunner.Plan plan = new LabRunner.Plan(policies, world, seeds, Math.max(1, t),
          impressions, seedStart);
      LabRunner.Report report;
      try (Progress progress = Progress.of("lab", !json, "days", 1)) {
        long total = plan.totalDays();
        report = LabRunner.run(plan, done -> progress.update(done, total));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> o = new LinkedHashMap<>();
        Map<String, Object> policiesOut = new LinkedHashMap<>();
        report.summaries().forEach((p, metrics) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          Map<String, Object> cohorts = new LinkedHashMap<>();
          metrics.forEach((name, s) -> {
            int dot = name.indexOf('.');
            if (dot < 0) {
              m.put(name, summary(s));
            } else { // per weekly arrival cohort: "cohorts": {"week1": {"d30Retention": ...}}
              @SuppressWarnings("unchecked")
              Map<String, Object> c = (Map<String, Object>) cohorts.computeIfAbsent(
                  name.substring(dot + 1), k -> new LinkedHashMap<String, Object>());
              c.put(name.substring(0, dot), summary(s));
            }
          });
          // cohorts nobody arrived in (users arrive over the first half of the run) are left out
          cohorts.values().removeIf(c -> {
            Object a = ((Map<?, ?>) c).get("arrivals");
            return a != null && Double.valueOf(0.0).equals(((Map<?, ?>) a).get("mean"));
          });
          m.put("cohorts", cohorts);
          policiesOut.put(p, m);
        });
        o.put("policies", policiesOut);
        o.put("days", days);
        o.put("users", users);
        o.put("seeds", seeds);
        o.put("seedStart", seedStart);
        o.put("sensitivity", sensitivity);
        o.put("perSeed", report.perSeed());
        o.put("seconds", Output.round(report.seconds(), 1));
        Output.json(out, o);
        return;
      }
      out.printf("Policy lab: %d users, %d days, seeds %d-%d, sensitivity tau %s (%.1f s)%n",
          users, days, seedStart, seedStart + seeds - 1, sensitivity, report.seconds());
      out.println("mean [95% interval] over seeds");
      List<String> names = List.copyOf(report.summaries().keySet());
      out.printf("%-16s", "metric");
      for (String p : names) {
        out.printf(" %-28s", p);
      }
      out.println();
      for (String metric : RunMetrics.NAMES) {
        out.printf("%-16s", metric);
        for (String p : names) {
          Summary s = report.summaries().get(p).get(metric);
          out.printf(" %-28s", format(s));
        }
        out.println();
      }
      out.println();
      out.println("by weekly arrival cohort (week1 = users who arrived on days 0-6; n/a = the"
          + " cohort's day N is past the run)");
      for (String metric : RunMetrics.cohortNames(days)) {
        String week = metric.substring(metric.indexOf('.') + 1);
        if (names.stream().allMatch(p -> report.summaries().get(p).get("arrivals." + week).mean()
            == 0)) {
          continue; // nobody arrived in this week (users arrive over the first half of the run)
        }
        out.printf("%-22s", metric);
        for (String p : names) {
          out.printf(" %-28s", format(report.summaries().get(p).get(metric)));
        }
        out.println();
      }
      out.println("satisfaction and clickbait are diagnostics from the world's hidden state; the"
          + " policies never see them.");
    }

    private static Map<String, Object> summary(Summary s) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mean", finite(s.mean()));
      m.put("lo", finite(s.lo()));
      m.put("hi", finite(s.hi()));
      return m;
    }

    private static Double finite(double v) {
      return Double.isFinite(v) ? Output.round(v, 6) : null;
    }

    private static String format(Summary s) {
      if (Double.isNaN(s.mean())) {
        return "n/a";
      }
      double scale = Math.abs(s.mean()) >= 100 ? 0 : Math.abs(s.mean()) >= 1 ? 2 : 4;
      String f = "%." + (int) scale + "f";
      return String.format(java.util.Locale.ROOT, f + " [" + f + ", " + f + "]", s.mean(), s.lo(),
          s.hi());
    }
  }
}
