package dev.longview.churn;

import dev.longview.lifecycle.ActivityLog;
import dev.longview.lifecycle.LifecycleConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The return/churn experiment of PROTOCOLS section 3: builds {@link ChurnDataset} rows at
 * several cutoffs, splits them by time, trains every model and baseline on the same training
 * rows and scores them on the same test rows.
 *
 * <h2>Split</h2>
 * The last {@code testCutoffs} cutoffs are the test set. Training uses only the cutoffs whose
 * label window ends by the first test cutoff ({@code t0 + horizon <= first test t0}), so no
 * training label peeks into the test period.
 *
 * <h2>Models (all output P(churn))</h2>
 * <ul>
 *   <li>baseline {@code recency}: logistic regression on log(1 + days since the last active event);
 *   <li>baseline {@code rfm-logistic}: logistic regression on recency, frequency (active days,
 *       orders) and monetary (log revenue);
 *   <li>baseline {@code bgnbd-p-alive}: BG/NBD fitted by maximum likelihood on the last training
 *       cutoff's customers (weeks, purchase days), 1 - P(alive), Platt-calibrated on the training
 *       rows;
 *   <li>baseline {@code bgnbd-no-purchase}: the same BG/NBD's probability of no purchase within
 *       the horizon, P(X(N days) = 0 | x, t_x, T) (the model's own probability of the label),
 *       Platt-calibrated on the training rows;
 *   <li>{@code logistic}: L2-regularised logistic regression on every feature;
 *   <li>{@code lightgbm}: LightGBM on every feature.
 * </ul>
 */
public final class ChurnEvaluation {
  private ChurnEvaluation() {}

  /**
   * Settings. Checks itself.
   *
   * @param horizonDays label horizon N, >= 1. Default 90
   * @param windowDays feature window W, >= 1. Default 365
   * @param testCutoffs number of last cutoffs used for testing, >= 1. Default 2
   * @param lambda L2 penalty of the logistic regressions. Default 1.0
   * @param rounds LightGBM boosting rounds, >= 1. Default 300
   * @param seed LightGBM seed. Default 42
   */
  public record Config(int horizonDays, int windowDays, int testCutoffs, double lambda, int rounds,
      long seed) {
    public Config {
      if (horizonDays < 1 || windowDays < 1 || testCutoffs < 1 || rounds < 1 || !(lambda >= 0)) {
        throw new IllegalArgumentException("churn config was horizon " + horizonDays + ", window "
            + windowDays + ", test cutoffs " + testCutoffs + ", lambda " + lambda + ", rounds "
            + rounds + "; need horizon, window, test cutoffs and rounds >= 1 and lambda >= 0");
      }
    }

    public static Config defaults() {
      return new Config(90, 365, 2, 1.0, 300, 42);
    }

    public Config withHorizonDays(int days) {
      return new Config(days, windowDays, testCutoffs, lambda, rounds, seed);
    }
  }

  /** One model's test metrics. */
  public record ModelResult(String name, boolean baseline, double auc, double prAuc,
      double logLoss, List<ClassifierMetrics.Bin> calibration) {}

  /** The whole run. */
  public record Report(List<Instant> trainCutoffs, List<Instant> testCutoffs, int trainRows,
      int testRows, double testChurnRate, List<ModelResult> models) {}

  /**
   * The first day of every month (in {@code zone}) from two months after the first event to the
   * last month whose label window ends before the last event.
   */
  public static List<Instant> monthlyCutoffs(ActivityLog log, ZoneId zone, int horizonDays) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int u = 0; u < log.users(); u++) {
      if (log.userEnd(u) > log.userStart(u)) {
        first = Math.min(first, log.timeMs(log.userStart(u)));
        last = Math.max(last, log.timeMs(log.userEnd(u) - 1));
      }
    }
    List<Instant> out = new ArrayList<>();
    if (first == Long.MAX_VALUE) {
      return out;
    }
    LocalDate d = Instant.ofEpochMilli(first).atZone(zone).toLocalDate().withDayOfMonth(1).plusMonths(2);
    while (true) {
      Instant t0 = d.atStartOfDay(zone).toInstant();
      if (t0.toEpochMilli() + horizonDays * 86_400_000L > last) {
        return out;
      }
      out.add(t0);
      d = d.plusMonths(1);
    }
  }

  public static Report run(ActivityLog log, LifecycleConfig lifecycle, ZoneId zone,
      List<Instant> cutoffs, Config config) {
    if (cutoffs.size() < config.testCutoffs() + 1) {
      throw new IllegalArgumentException("got " + cutoffs.size() + " cutoffs; need at least "
          + (config.testCutoffs() + 1) + " (training and " + config.testCutoffs() + " for testing);"
          + " use a shorter horizon or more data");
    }
    List<Instant> test = cutoffs.subList(cutoffs.size() - config.testCutoffs(), cutoffs.size());
    long firstTest = test.get(0).toEpochMilli();
    List<Instant> train = new ArrayList<>();
    for (Instant c : cutoffs.subList(0, cutoffs.size() - config.testCutoffs())) {
      if (c.toEpochMilli() + config.horizonDays() * 86_400_000L <= firstTest) {
        train.add(c);
      }
    }
    if (train.isEmpty()) {
      throw new IllegalArgumentException("no training cutoff has its " + config.horizonDays()
          + "-day label window end by the first test cutoff " + test.get(0)
          + "; use a shorter horizon, fewer test cutoffs or more data");
    }
    ChurnDataset tr = ChurnDataset.build(log, lifecycle, zone, train, config.horizonDays(),
        config.windowDays());
    ChurnDataset te = ChurnDataset.build(log, lifecycle, zone, test, config.horizonDays(),
        config.windowDays());
    double[] yTr = labels(tr);
    double[] yTe = labels(te);
    List<ModelResult> results = new ArrayList<>();

    Function<double[], double[]> recency = f -> new double[] {Math.log1p(f[ChurnDataset.RECENCY])};
    results.add(result("recency", true, logistic(tr, te, yTr, recency, config.lambda()), yTe));
    Function<double[], double[]> rfm = f -> new double[] {Math.log1p(f[ChurnDataset.RECENCY]),
        f[ChurnDataset.ACTIVE_DAYS], Math.log1p(f[ChurnDataset.ORDERS]), f[ChurnDataset.REVENUE]};
    results.add(result("rfm-logistic", true, logistic(tr, te, yTr, rfm, config.lambda()), yTe));
    BgNbd bg = fitBgNbd(tr, train.size() - 1);
    results.add(result("bgnbd-p-alive", true,
        platt(tr, te, yTr, s -> 1 - bg.pAlive(s[0], s[1], s[2])), yTe));
    double weeks = config.horizonDays() / 7.0;
    results.add(result("bgnbd-no-purchase", true,
        platt(tr, te, yTr, s -> bg.probabilityNoPurchase(weeks, s[0], s[1], s[2])), yTe));
    results.add(result("logistic", false, logistic(tr, te, yTr, f -> f, config.lambda()), yTe));
    results.add(result("lightgbm", false, LightGbmClassifier.fitPredict(rows(tr, f -> f), yTr,
        rows(te, f -> f), config.rounds(), config.seed()), yTe));
    double rate = 0;
    for (double v : yTe) {
      rate += v / yTe.length;
    }
    return new Report(List.copyOf(train), List.copyOf(test), tr.size(), te.size(), rate, results);
  }

  private static ModelResult result(String name, boolean baseline, double[] p, double[] y) {
    return new ModelResult(name, baseline, ClassifierMetrics.auc(p, y),
        ClassifierMetrics.averagePrecision(p, y), ClassifierMetrics.logLoss(p, y),
        ClassifierMetrics.calibration(p, y));
  }

  static double[] labels(ChurnDataset d) {
    double[] y = new double[d.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = d.label(i);
    }
    return y;
  }

  static double[][] rows(ChurnDataset d, Function<double[], double[]> select) {
    double[][] x = new double[d.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = select.apply(d.row(i));
    }
    return x;
  }

  private static double[] logistic(ChurnDataset tr, ChurnDataset te, double[] yTr,
      Function<double[], double[]> select, double lambda) {
    LogisticRegression.Model m = LogisticRegression.fit(rows(tr, select), yTr, lambda);
    double[] p = new double[te.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = m.predict(select.apply(te.row(i)));
    }
    return p;
  }

  /** BG/NBD fitted by maximum likelihood on the customers of one training cutoff. */
  private static BgNbd fitBgNbd(ChurnDataset tr, int fitCutoff) {
    List<double[]> s = new ArrayList<>();
    for (int i = 0; i < tr.size(); i++) {
      if (tr.cutoff(i) == fitCutoff) {
        s.add(tr.bgnbd(i));
      }
    }
    double[] x = new double[s.size()];
    double[] tx = new double[s.size()];
    double[] t = new double[s.size()];
    for (int i = 0; i < s.size(); i++) {
      x[i] = s.get(i)[0];
      tx[i] = s.get(i)[1];
      t[i] = s.get(i)[2];
    }
    return BgNbdFitter.fit(RepeatData.of(x, tx, t, null)).model();
  }

  /**
   * A BG/NBD churn score of the {x, t_x, T} summary, Platt-calibrated (logistic regression on its
   * logit) on all training rows.
   */
  private static double[] platt(ChurnDataset tr, ChurnDataset te, double[] yTr,
      ToDoubleFunction<double[]> churnScore) {
    double[][] trX = new double[tr.size()][];
    for (int i = 0; i < tr.size(); i++) {
      trX[i] = new double[] {logit(churnScore.applyAsDouble(tr.bgnbd(i)))};
    }
    LogisticRegression.Model platt = LogisticRegression.fit(trX, yTr, 0);
    double[] p = new double[te.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = platt.predict(new double[] {logit(churnScore.applyAsDouble(te.bgnbd(i)))});
    }
    return p;
  }

  private static double logit(double p) {
    double q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
    return Math.log(q / (1 - q));
  }
}
