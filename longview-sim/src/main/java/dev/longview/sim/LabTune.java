package dev.longview.sim;

import dev.longview.lab.sim.SimConfig;
import dev.longview.pipeline.PipelinePolicy;
import dev.longview.pipeline.RetentionStage;
import dev.longview.retention.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tuning harness for the retention stage's settings on the lab (issue 6): runs {@code myopic}
 * and variants of {@code longview} on a range of seeds and prints, per variant, the mean D30
 * retention, engagement, click-bait and satisfaction with the per-seed D30 values. Tune on seeds
 * that the reported sweep does not use (the sweep uses 1..5; tune on e.g. 100..104).
 *
 * <p>Usage: {@code LabTune USERS DAYS TAU FIRST_SEED LAST_SEED THREADS VARIANT...}, a variant
 * being {@code myopic}, {@code random}, {@code popular} or
 * {@code longview:SETTINGS} with SETTINGS in the notation of {@code RetentionStage.variant}
 * ({@code candidates=N,scale=X,unit=U,div=D,recall=W,rsize=N,window=W,eb=0|1,sur=0|1,byrel=0|1,
 * prec=0|1,slate=PAGE/EXPLORE/MINZ}; e.g. {@code RetentionStage.LAB_SETTINGS}).
 */
public final class LabTune {
  private LabTune() {}

  public static void main(String[] args) throws Exception {
    int users = Integer.parseInt(args[0]);
    int days = Integer.parseInt(args[1]);
    double tau = Double.parseDouble(args[2]);
    int first = Integer.parseInt(args[3]);
    int last = Integer.parseInt(args[4]);
    int threads = Integer.parseInt(args[5]);
    SimConfig config = SimConfig.defaults().withUsers(users).withDays(days).withSensitivity(tau);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Map<String, List<Future<Map<String, Double>>>> runs = new LinkedHashMap<>();
    long start = System.nanoTime();
    for (int seed = first; seed <= last; seed++) {
      for (int a = 6; a < args.length; a++) {
        String variant = args[a];
        long s = seed;
        runs.computeIfAbsent(variant, k -> new ArrayList<>()).add(pool.submit(() ->
            LabRunner.runOne(policy(variant, s, config), config, s, false, () -> { })));
      }
    }
    for (var e : runs.entrySet()) {
      StringBuilder perSeed = new StringBuilder();
      double d30 = 0;
      double eng = 0;
      double cb = 0;
      double sat = 0;
      for (Future<Map<String, Double>> f : e.getValue()) {
        Map<String, Double> m = f.get();
        d30 += m.get("d30Retention");
        eng += m.get("engagement");
        cb += m.get("clickbait");
        sat += m.get("satisfaction");
        perSeed.append(String.format(Locale.ROOT, " %.3f", m.get("d30Retention")));
      }
      int n = e.getValue().size();
      System.out.printf(Locale.ROOT, "%-50s d30 %.4f  engagement %.0f  clickbait %.3f"
          + "  satisfaction %.3f  per-seed d30:%s%n", e.getKey(), d30 / n, eng / n, cb / n,
          sat / n, perSeed);
    }
    System.out.printf(Locale.ROOT, "%.0f s%n", (System.nanoTime() - start) / 1e9);
    pool.shutdown();
  }

  static Policy policy(String variant, long seed, SimConfig config) {
    if (variant.startsWith("truth/")) {
      // truth/BASE/MAX/WIDEN, a lab-side upper bound (TruthFilterPolicy), diagnostics only
      String[] p = variant.split("/");
      return new TruthFilterPolicy(policy(p[1], seed, config),
          new dev.longview.lab.sim.World(config, seed).itemTruth(), Double.parseDouble(p[2]),
          Integer.parseInt(p[3]));
    }
    if (variant.startsWith("truthvalue/") || variant.startsWith("truthtopic/")) {
      // truthvalue|truthtopic/SCALE/LONGVIEW_VARIANT, a lab-side diagnostic (TruthValuePolicy):
      // true values from each item's click-bait, or from its topic's mean click-bait
      String[] p = variant.split("/", 3);
      return new TruthValuePolicy((PipelinePolicy) policy(p[2], seed, config),
          new dev.longview.lab.sim.World(config, seed).itemTruth(), Double.parseDouble(p[1]),
          variant.startsWith("truthtopic/"));
    }
    if (variant.startsWith("oracle/")) {
      // oracle/MAX_TOPIC_CLICKBAIT/EXPLORE[/PERSONAL/LEAST_CLICKBAIT_FIRST], a lab-side
      // reference (TruthOraclePolicy)
      String[] p = variant.split("/");
      return new TruthOraclePolicy(new dev.longview.lab.sim.World(config, seed).itemTruth(),
          Double.parseDouble(p[1]), Integer.parseInt(p[2]),
          p.length < 4 || Boolean.parseBoolean(p[3]), p.length < 5 || Boolean.parseBoolean(p[4]));
    }
    if (!variant.startsWith("longview:")) {
      return LabPolicies.create(variant, seed);
    }
    // longview:SETTINGS in RetentionStage.variant's notation
    var c = RetentionStage.variant(dev.longview.pipeline.PipelineConfig.defaults(),
        variant.substring("longview:".length()));
    return PipelinePolicy.longview(seed, c.rerank(), c.valueEstimator(), c.valueRecall(),
        LabPolicies.REAL_TIME);
  }
}
