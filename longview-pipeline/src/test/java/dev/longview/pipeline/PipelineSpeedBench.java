package dev.longview.pipeline;

import dev.longview.algorithms.Algorithms;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * In-process cost of one {@link Pipeline#recommend} on ml-1m (no HTTP): the baseline of the
 * server numbers in BENCHMARKS.md. iALS with 3 iterations to keep it short (the cost per request
 * does not depend on the iterations).
 *
 * <pre>
 * mvn -B -o test -pl longview-pipeline -am -Dtest=PipelineSpeedBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dlongview.bench.data=../shared/data/ml-1m
 * </pre>
 */
@EnabledIfSystemProperty(named = "longview.bench.data", matches = ".+")
class PipelineSpeedBench {
  @Test
  void recommendCost() throws Exception {
    Path dir = Path.of(System.getProperty("longview.bench.data"));
    InteractionSnapshot s = HnswRecallBench.ml1m(dir.resolve("ratings_no_timestamp.dat"),
        dir.resolve("movies.dat"));
    PipelineConfig c = PipelineConfig.defaults();
    long t0 = System.nanoTime();
    ModelSet m = ModelSet.train(s, c, Map.of("ials",
        Algorithms.trainer("ials", Map.of("iterations", "3"), 42)), 42);
    System.out.printf(Locale.ROOT, "BENCH model set (iALS 3 iterations, itemknn, text index of %d"
        + " items) trained in %.1f s%n", m.textIndex().size(), (System.nanoTime() - t0) / 1e9);
    // Baseline: the standard pipeline without the two text sources, in the same run.
    Pipeline noText = Pipeline.builder(c)
        .recall(new FactorRecall(), c.weight("factors"))
        .recall(new ItemKnnRecall(), c.weight("itemknn"))
        .recall(new TrendingRecall(), c.weight("trending"))
        .recall(new NewItemRecall(), c.weight("new-items"))
        .rerank(new MmrReranker(c.mmrLambda(), c.mmrDepth()))
        .build();
    Pipeline standard = Pipeline.standard(c);
    for (int round = 0; round < 2; round++) { // the first round warms up
      time("without text recall (baseline)", noText, m, s, false, round == 1);
      time("standard, with text recall", standard, m, s, false, round == 1);
      time("standard, with a query", standard, m, s, true, round == 1);
    }
  }

  private static void time(String label, Pipeline p, ModelSet m, InteractionSnapshot s,
      boolean query, boolean print) throws Exception {
    String[] queries = {"star wars", "romantic comedy", "toy story", "horror", "godfather",
        "animation children", "war drama", "alien"};
    SplittableRandom r = new SplittableRandom(1);
    int n = 5_000;
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = mx.getCurrentThreadCpuTime();
    long t = System.nanoTime();
    for (int k = 0; k < n; k++) {
      String user = s.userId(r.nextInt(s.userCount()));
      p.recommend(m, query ? new RecommendRequest(user, 10, 0, null, null, null,
          queries[k % queries.length], null, null, true) : RecommendRequest.of(user, 10), null);
    }
    double us = (System.nanoTime() - t) / 1e3 / n;
    double cpuUs = (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
    if (print) {
      System.out.printf(Locale.ROOT, "BENCH pipeline.recommend on ml-1m (n=10, one thread), %s:"
          + " %.1f us wall, %.1f us CPU per request; load %s%n", label, us, cpuUs,
          Files.readString(Path.of("/proc/loadavg")).trim());
    }
  }
}
