package dev.longview.algorithms;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.model.TopK;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Accuracy and fit time of the registered models on P1 ({@link P1Split}), until the evaluator
 * module lands. Usage (from the repository root, after {@code mvn install}):
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp longview-core/target/classes:longview-algorithms/target/classes:longview-algorithms/target/test-classes \
 *   dev.longview.algorithms.P1Bench valid|test SPEC...
 * </pre>
 *
 * SPEC is {@code name} or {@code name:key=value,key=value}. Trains on train, ranks all items but
 * the user's train items (and valid items when testing), Recall@10 and NDCG@10 as in PROTOCOLS.md.
 */
public final class P1Bench {
  private P1Bench() {}

  public static void main(String[] args) throws Exception {
    boolean testing = args[0].equals("test");
    long seed = Long.getLong("split.seed", 42);
    Path ratings = SharedData.find("ml-1m/ratings_no_timestamp.dat").orElseThrow(
        () -> new IllegalStateException("shared/data/ml-1m not found above the working directory"));
    P1Split split = P1Split.load(ratings, seed);
    System.out.printf("P1: %d interactions, %d users, %d items; split seed %d; kernels %s; %s%n",
        split.interactions, split.users, split.items, seed, Kernels.best().name(),
        testing ? "TEST" : "VALID");
    InteractionSnapshot train = split.snapshot(split.train);
    System.out.printf("train: %d interactions%n", train.size());
    for (int a = 1; a < args.length; a++) {
      String spec = args[a];
      String name = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
      Map<String, String> params = new LinkedHashMap<>();
      if (spec.contains(":")) {
        for (String kv : spec.substring(spec.indexOf(':') + 1).split(",")) {
          params.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
      }
      long t0 = System.nanoTime();
      dev.longview.core.model.Trainer trainer = Algorithms.trainer(name, params, 1234L);
      long start = t0;
      Model model = trainer instanceof ProgressReporting r
          ? r.train(train, (done, total, note) -> System.err.printf("  %s epoch %d/%d %.1f s: %s%n",
              name, done, total, (System.nanoTime() - start) / 1e9, note))
          : trainer.train(train);
      double fit = (System.nanoTime() - t0) / 1e9;
      double[] m = evaluate(split, model, testing);
      System.out.printf("%-60s fit %7.2f s  Recall@10 %.4f  NDCG@10 %.4f  Hit@10 %.4f  (%d users)%n",
          spec, fit, m[0], m[1], m[2], (int) m[3]);
    }
  }

  /** Recall@10, NDCG@10, Hit@10 averaged over users with targets, and that user count. */
  static double[] evaluate(P1Split split, Model model, boolean testing) {
    int[][] target = testing ? split.test : split.valid;
    double[][] perUser = new double[split.users][];
    ThreadLocal<float[]> scoresBuf = ThreadLocal.withInitial(() -> new float[split.items]);
    ThreadLocal<TopK> topBuf = ThreadLocal.withInitial(() -> new TopK(10));
    ThreadLocal<ItemFilter> filterBuf = ThreadLocal.withInitial(() -> new ItemFilter(split.items));
    IntStream.range(0, split.users).parallel().forEach(u -> {
      if (target[u].length == 0) {
        return;
      }
      float[] scores = scoresBuf.get();
      ItemFilter filter = filterBuf.get().clear();
      for (int i : split.train[u]) {
        filter.exclude(i);
      }
      if (testing) {
        for (int i : split.valid[u]) {
          filter.exclude(i);
        }
      }
      model.score(u, scores);
      int[] top = topBuf.get().select(scores, split.items, filter);
      java.util.BitSet relevant = new java.util.BitSet();
      for (int i : target[u]) {
        relevant.set(i);
      }
      int hits = 0;
      double dcg = 0;
      for (int r = 0; r < top.length; r++) {
        if (relevant.get(top[r])) {
          hits++;
          dcg += 1.0 / (Math.log(r + 2) / Math.log(2));
        }
      }
      double idcg = 0;
      for (int r = 0; r < Math.min(10, target[u].length); r++) {
        idcg += 1.0 / (Math.log(r + 2) / Math.log(2));
      }
      perUser[u] = new double[] {(double) hits / target[u].length, dcg / idcg, hits > 0 ? 1 : 0};
    });
    double[] sum = new double[4];
    for (double[] m : perUser) {
      if (m != null) {
        sum[0] += m[0];
        sum[1] += m[1];
        sum[2] += m[2];
        sum[3]++;
      }
    }
    return new double[] {sum[0] / sum[3], sum[1] / sum[3], sum[2] / sum[3], sum[3]};
  }
}
