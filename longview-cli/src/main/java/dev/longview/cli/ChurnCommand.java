package dev.longview.cli;

import dev.longview.churn.BgNbd;
import dev.longview.churn.BgNbdFitter;
import dev.longview.churn.BgNbdHoldout;
import dev.longview.churn.ChurnEvaluation;
import dev.longview.churn.ClassifierMetrics;
import dev.longview.churn.RepeatData;
import dev.longview.lifecycle.ActivityLog;
import dev.longview.lifecycle.LifecycleConfig;
import dev.longview.store.EventStore;
import dev.longview.store.StoreCounts;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "churn", description = "Return/churn prediction: evaluate models and baselines, fit BG/NBD.",
    subcommands = {ChurnCommand.Eval.class, ChurnCommand.FitBgNbd.class})
final class ChurnCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "eval", description = "Churn at a horizon over monthly cutoffs (the last ones test):"
      + " ROC-AUC, PR-AUC, log loss and calibration of every model and baseline.")
  static final class Eval implements Runnable {
    @Mixin DatabaseOption database;
    @Option(names = "--horizon-days", required = true, paramLabel = "N",
        description = "Churned = no active event within N days after the cutoff.")
    int horizonDays;
    @Option(names = "--window-days", defaultValue = "365", paramLabel = "W",
        description = "Feature window before each cutoff. Default: ${DEFAULT-VALUE}.")
    int windowDays;
    @Option(names = "--test-cutoffs", defaultValue = "2", paramLabel = "K",
        description = "The last K monthly cutoffs are the test set. Default: ${DEFAULT-VALUE}.")
    int testCutoffs;
    @Option(names = "--rounds", defaultValue = "300", description = "LightGBM rounds. Default: ${DEFAULT-VALUE}.")
    int rounds;
    @Option(names = "--seed", defaultValue = "42", description = "LightGBM seed. Default: ${DEFAULT-VALUE}.")
    long seed;
    @Option(names = "--zone", defaultValue = "UTC", paramLabel = "Z",
        description = "Time zone of the monthly cutoffs. Default: ${DEFAULT-VALUE}.")
    String zone;
    @Option(names = "--json", description = "Print one JSON object.") boolean json;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      ZoneId z = LifecycleCommand.zone(zone);
      ChurnEvaluation.Config config = LifecycleCommand.parse(() ->
          new ChurnEvaluation.Config(horizonDays, windowDays, testCutoffs, 1.0, rounds, seed));
      ActivityLog log;
      try (EventStore store = database.openExisting()) {
        log = ActivityLog.load(store);
      }
      long start = System.nanoTime();
      List<Instant> cutoffs = ChurnEvaluation.monthlyCutoffs(log, z, horizonDays);
      ChurnEvaluation.Report r = LifecycleCommand.parse(() ->
          ChurnEvaluation.run(log, LifecycleConfig.commerce(), z, cutoffs, config));
      double seconds = (System.nanoTime() - start) / 1e9;
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("horizonDays", horizonDays);
        o.put("trainCutoffs", r.trainCutoffs().stream().map(Instant::toString).toList());
        o.put("testCutoffs", r.testCutoffs().stream().map(Instant::toString).toList());
        o.put("trainRows", r.trainRows());
        o.put("testRows", r.testRows());
        o.put("testChurnRate", Output.round(r.testChurnRate(), 4));
        List<Map<String, Object>> models = new ArrayList<>();
        for (ChurnEvaluation.ModelResult m : r.models()) {
          Map<String, Object> mo = new LinkedHashMap<>();
          mo.put("name", m.name());
          mo.put("baseline", m.baseline());
          mo.put("auc", Output.round(m.auc(), 4));
          mo.put("prAuc", Output.round(m.prAuc(), 4));
          mo.put("logLoss", Output.round(m.logLoss(), 4));
          List<Map<String, Object>> bins = new ArrayList<>();
          for (ClassifierMetrics.Bin b : m.calibration()) {
            Map<String, Object> bo = new LinkedHashMap<>();
            bo.put("lo", b.lo());
            bo.put("hi", b.hi());
            bo.put("count", b.count());
            bo.put("meanPredicted", b.count() == 0 ? null : Output.round(b.meanPredicted(), 4));
            bo.put("observed", b.count() == 0 ? null : Output.round(b.observedRate(), 4));
            bins.add(bo);
          }
          mo.put("calibration", bins);
          models.add(mo);
        }
        o.put("models", models);
        o.put("seconds", Output.round(seconds, 3));
        Output.json(out, o);
        return;
      }
      out.printf("churn within %d days; train cutoffs %s (%s rows), test cutoffs %s (%s rows, %.1f%% churned)%n",
          horizonDays, dates(r.trainCutoffs()), Output.count(r.trainRows()), dates(r.testCutoffs()),
          Output.count(r.testRows()), 100 * r.testChurnRate());
      out.printf("%-18s %-9s %8s %8s %9s%n", "model", "kind", "ROC-AUC", "PR-AUC", "log loss");
      for (ChurnEvaluation.ModelResult m : r.models()) {
        out.printf("%-18s %-9s %8.4f %8.4f %9.4f%n", m.name(), m.baseline() ? "baseline" : "model",
            m.auc(), m.prAuc(), m.logLoss());
      }
      out.println();
      out.println("calibration (10 bins of the prediction): count / mean predicted / observed churn rate");
      for (ChurnEvaluation.ModelResult m : r.models()) {
        StringBuilder line = new StringBuilder(String.format("%-18s", m.name()));
        for (ClassifierMetrics.Bin b : m.calibration()) {
          line.append(b.count() == 0 ? String.format(" %16s", "-")
              : String.format(" %5d/%.2f/%.2f", b.count(), b.meanPredicted(), b.observedRate()));
        }
        out.println(line);
      }
      out.printf("%nevaluated in %.1f s%n", seconds);
    }

    private static List<String> dates(List<Instant> t) {
      return t.stream().map(i -> i.toString().substring(0, 10)).toList();
    }
  }

  @Command(name = "fit-bgnbd", description = "Fit BG/NBD by maximum likelihood on a calibration period"
      + " (weeks, one purchase per customer-day) and compare its holdout forecast with the actual.")
  static final class FitBgNbd implements Runnable {
    @Mixin DatabaseOption database;
    @Option(names = "--calibration-end", paramLabel = "DATE",
        description = "Last day of the calibration period (inclusive). Default: the middle day of the data.")
    String calibrationEnd;
    @Option(names = "--holdout-end", paramLabel = "DATE",
        description = "Last day of the holdout period (inclusive). Default: the day of the last event.")
    String holdoutEnd;
    @Option(names = "--zone", defaultValue = "UTC", paramLabel = "Z",
        description = "Time zone of purchase days. Default: ${DEFAULT-VALUE}.")
    String zone;
    @Option(names = "--json", description = "Print one JSON object.") boolean json;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      ZoneId z = LifecycleCommand.zone(zone);
      ActivityLog log;
      LocalDate cal;
      LocalDate hold;
      try (EventStore store = database.openExisting()) {
        StoreCounts c = store.counts();
        if (c.firstEvent() == null) {
          throw new UserError("the database has no events; import some first with `longview import`");
        }
        LocalDate first = c.firstEvent().atZone(z).toLocalDate();
        LocalDate last = c.lastEvent().atZone(z).toLocalDate();
        cal = calibrationEnd == null ? first.plusDays((last.toEpochDay() - first.toEpochDay()) / 2)
            : date(calibrationEnd, "--calibration-end");
        hold = holdoutEnd == null ? last : date(holdoutEnd, "--holdout-end");
        if (!hold.isAfter(cal)) {
          throw new UserError("--holdout-end " + hold + " must be after --calibration-end " + cal);
        }
        log = ActivityLog.load(store);
      }
      long start = System.nanoTime();
      RepeatData data = RepeatData.fromLog(log, "purchase", z, cal, hold, 7);
      if (data.customers() == 0) {
        throw new UserError("no customer made a purchase by " + cal + "; pick a later --calibration-end");
      }
      BgNbdFitter.Fit fit = BgNbdFitter.fit(data);
      BgNbd m = fit.model();
      double weeks = (hold.toEpochDay() - cal.toEpochDay()) / 7.0;
      BgNbdHoldout h = BgNbdHoldout.of(m, data, weeks);
      double predicted = h.holdoutPredicted();
      double actual = h.holdoutActual();
      double repeats = h.calibrationActual();
      double seconds = (System.nanoTime() - start) / 1e9;
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("calibrationEnd", cal.toString());
        o.put("holdoutEnd", hold.toString());
        o.put("holdoutWeeks", Output.round(weeks, 4));
        o.put("customers", data.customers());
        o.put("calibrationRepeats", (long) repeats);
        o.put("r", m.r());
        o.put("alpha", m.alpha());
        o.put("a", m.a());
        o.put("b", m.b());
        o.put("logLikelihood", Output.round(fit.logLikelihood(), 3));
        o.put("holdoutPredicted", Output.round(predicted, 1));
        o.put("holdoutActual", (long) actual);
        o.put("holdoutError", Output.round(h.holdoutError(), 4));
        o.put("cumulativeModel", Output.round(h.cumulativeModelAtHoldoutEnd(), 1));
        o.put("cumulativeActual", (long) h.cumulativeActualAtHoldoutEnd());
        o.put("cumulativeError", Output.round(h.cumulativeError(), 4));
        o.put("seconds", Output.round(seconds, 3));
        Output.json(out, o);
        return;
      }
      out.printf("BG/NBD, calibration to %s, holdout to %s (%.1f weeks), %s customers%n", cal, hold,
          weeks, Output.count(data.customers()));
      out.printf("r %.4f  alpha %.4f  a %.4f  b %.4f  (log-likelihood %.2f)%n", m.r(), m.alpha(),
          m.a(), m.b(), fit.logLikelihood());
      out.printf("repeat purchase days: calibration %s; holdout predicted %.1f, actual %s (%+.1f%%)%n",
          Output.count((long) repeats), predicted, Output.count((long) actual),
          100 * h.holdoutError());
      out.printf("cumulative repeat purchase days at the holdout end (the paper's tracking plot):"
          + " model %.1f, actual %s (%+.1f%%); at the calibration end: model %.1f, actual %s%n",
          h.cumulativeModelAtHoldoutEnd(), Output.count((long) h.cumulativeActualAtHoldoutEnd()),
          100 * h.cumulativeError(), h.cumulativeModelAtCalibrationEnd(),
          Output.count((long) repeats));
    }

    private static LocalDate date(String s, String option) {
      try {
        return LocalDate.parse(s.trim());
      } catch (DateTimeParseException e) {
        throw new UserError(option + " \"" + s + "\" is not a date; use e.g. 1997-09-30");
      }
    }
  }
}
