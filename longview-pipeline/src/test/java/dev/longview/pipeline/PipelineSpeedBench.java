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
    InteractionSnapshot s = HnswRecallBench.ml1m(dir.resolve("ratings_no_timestamp.dat"));
    PipelineConfig c = PipelineConfig.defaults();
    ModelSet m = ModelSet.train(s, c, Map.of("ials",
        Algorithms.trainer("ials", Map.of("iterations", "3"), 42)), 42);
    Pipeline p = Pipeline.standard(c);
    SplittableRandom r = new SplittableRandom(1);
    for (int k = 0; k < 20_000; k++) {
      p.recommend(m, RecommendRequest.of(s.userId(r.nextInt(s.userCount())), 10), null);
    }
    int n = 20_000;
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = mx.getCurrentThreadCpuTime();
    long t = System.nanoTime();
    for (int k = 0; k < n; k++) {
      p.recommend(m, RecommendRequest.of(s.userId(r.nextInt(s.userCount())), 10), null);
    }
    double us = (System.nanoTime() - t) / 1e3 / n;
    double cpuUs = (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
    System.out.printf(Locale.ROOT, "BENCH pipeline.recommend on ml-1m (n=10, one thread): %.1f us"
        + " wall, %.1f us CPU per request; load %s%n", us, cpuUs,
        Files.readString(Path.of("/proc/loadavg")).trim());
  }
}
