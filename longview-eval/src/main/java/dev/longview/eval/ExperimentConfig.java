package dev.longview.eval;

import java.util.List;

/**
 * How an {@link Experiment} runs.
 *
 * @param seeds one run per seed: the seed draws the split, the search and the trainer's randomness;
 *     default [42] (the split seed of the reference runs in PROTOCOLS.md)
 * @param tuneTrials random-search trials on the validation part; 0 = no tuning (the given or
 *     default parameters)
 * @param objective the validation metric tuning maximises, e.g. {@code ndcg@10}; must be one of the
 *     evaluated metrics
 * @param ks cutoffs, default [10, 20]
 * @param threads evaluation threads, >= 1
 */
public record ExperimentConfig(List<Long> seeds, int tuneTrials, String objective, List<Integer> ks,
    int threads) {
  public ExperimentConfig {
    seeds = seeds == null || seeds.isEmpty() ? List.of(42L) : List.copyOf(seeds);
    ks = ks == null || ks.isEmpty() ? List.of(10, 20) : List.copyOf(ks);
    objective = objective == null ? "ndcg@" + ks.get(0) : objective;
    if (tuneTrials < 0) {
      throw new IllegalArgumentException("tune trials was " + tuneTrials + "; use 0 (no tuning) or more");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads was " + threads + "; use at least 1");
    }
    if (!objective.matches("[a-z0-9]+@\\d+") || !ks.contains(Integer.parseInt(objective.substring(objective.indexOf('@') + 1)))) {
      throw new IllegalArgumentException("objective \"" + objective + "\" must be a metric at one of the cutoffs "
          + ks + ", e.g. ndcg@" + ks.get(0));
    }
  }

  /** Seeds base, base + 1, ..., base + count - 1. */
  public static List<Long> seeds(long base, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("seed count was " + count + "; use at least 1");
    }
    return java.util.stream.LongStream.range(base, base + count).boxed().toList();
  }
}
