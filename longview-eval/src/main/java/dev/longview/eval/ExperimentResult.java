package dev.longview.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test results of an {@link Experiment}, one per seed, and their summary across seeds.
 *
 * @param runs one per seed, in seed order
 */
public record ExperimentResult(List<SeedRun> runs) {
  /**
   * One seed's run.
   *
   * @param seed split, search and trainer seed
   * @param params the parameters of the model that was tested (chosen on valid when tuning)
   * @param trainSeconds training time of that model
   * @param validObjective its validation objective, NaN when not tuned
   * @param test its test report
   */
  public record SeedRun(long seed, Map<String, String> params, double trainSeconds,
      double validObjective, Report test) {}

  public ExperimentResult {
    if (runs == null || runs.isEmpty()) {
      throw new IllegalArgumentException("an experiment result needs at least one seed's run");
    }
    runs = List.copyOf(runs);
  }

  /** Each metric's mean over seeds (of the per-seed means over users). */
  public Map<String, Double> mean() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String m : runs.get(0).test().means().keySet()) {
      out.put(m, runs.stream().mapToDouble(r -> r.test().mean(m)).average().orElse(Double.NaN));
    }
    return out;
  }

  /** Each metric's sample standard deviation across seeds; 0 with one seed. */
  public Map<String, Double> sdAcrossSeeds() {
    Map<String, Double> out = new LinkedHashMap<>();
    Map<String, Double> mean = mean();
    int n = runs.size();
    for (String m : mean.keySet()) {
      double sq = 0;
      for (SeedRun r : runs) {
        double d = r.test().mean(m) - mean.get(m);
        sq += d * d;
      }
      out.put(m, n > 1 ? Math.sqrt(sq / (n - 1)) : 0.0);
    }
    return out;
  }

  /** Each per-user metric's 95% interval half-width over users, averaged over seeds. */
  public Map<String, Double> ci95() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String m : runs.get(0).test().ci95().keySet()) {
      out.put(m, runs.stream().mapToDouble(r -> r.test().ci95().get(m)).average().orElse(Double.NaN));
    }
    return out;
  }

  /** Mean training seconds over seeds. */
  public double trainSeconds() {
    return runs.stream().mapToDouble(SeedRun::trainSeconds).average().orElse(Double.NaN);
  }
}
