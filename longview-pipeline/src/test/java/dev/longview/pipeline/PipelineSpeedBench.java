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
 * server numbers in BENCHMARKS.md ("Recommend path, CPU cut"). A same-run A/B: the recall sources
 * as they were before the cut ({@link ReferenceRecall}, text profile through the postings)
 * against the standard pipeline, alternated over three timed rounds after a warm-up, with how
 * much their answers agree. iALS with 3 iterations to keep it short (the exact vector search
 * stops early by vector norms, so its cost depends a little on the training).
 *
 * <pre>
 * mvn -B -o test -pl longview-pipeline -am -Dtest=PipelineSpeedBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dlongview.bench.data=$PWD/../shared/data/ml-1m     # [-Dlongview.bench.afterOnly=true]
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
    stats(m, s);
    // Same-run A/B: the recall sources as they were before the CPU cut (ReferenceRecall, text
    // profile through the postings) against the standard pipeline, same stages otherwise.
    Pipeline before = Pipeline.builder(c)
        .recall(new ReferenceRecall.FullScanFactors(), c.weight("factors"))
        .recall(new ReferenceRecall.ItemKnnBefore(), c.weight("itemknn"))
        .recall(new TrendingRecall(), c.weight("trending"))
        .recall(new NewItemRecall(), c.weight("new-items"))
        .recall(TextRecall.profileByPostings(), c.weight("text"))
        .recall(TextRecall.query(), c.weight("query"))
        .recall(new SequenceRecall(), c.weight("sequence"))
        .rerank(new RetentionStage(RetentionStage.servingDefaults(),
            new MmrReranker(c.mmrLambda(), c.mmrDepth())))
        .build();
    Pipeline standard = Pipeline.standard(c);
    // -Dlongview.bench.afterOnly=true: time the standard pipeline only (for a profiler).
    boolean afterOnly = Boolean.getBoolean("longview.bench.afterOnly");
    if (!afterOnly) {
      agreement(before, standard, m, s);
    }
    for (int round = 0; round < 4; round++) { // the first round warms up
      if (!afterOnly) {
        time("before (reference recall sources)", before, m, s, false, round > 0);
      }
      time("after (standard pipeline)", standard, m, s, false, round > 0);
    }
    time("after, with a query", standard, m, s, true, true);
  }

  /**
   * What the cut changes in the answers, 1,000 random users: the share of the top-10 the two
   * pipelines have in common, and of the text profile source's candidates (neighbour lists
   * against scoring every item through the postings).
   */
  private static void agreement(Pipeline before, Pipeline after, ModelSet m,
      InteractionSnapshot s) {
    SplittableRandom r = new SplittableRandom(3);
    int users = 1_000;
    long top10 = 0;
    long top10Total = 0;
    long text = 0;
    long textTotal = 0;
    for (int k = 0; k < users; k++) {
      RecommendRequest req = RecommendRequest.of(s.userId(r.nextInt(s.userCount())), 10);
      java.util.Set<String> a = new java.util.HashSet<>();
      before.recommend(m, req, null).items().forEach(i -> a.add(i.itemId()));
      for (var i : after.recommend(m, req, null).items()) {
        top10 += a.contains(i.itemId()) ? 1 : 0;
      }
      top10Total += a.size();
      java.util.Set<Integer> exact = new java.util.HashSet<>();
      RequestContext ctx = new RequestContext(m, req, -1, null);
      TextRecall.profileByPostings().recall(ctx, c().recallLimit(),
          (item, score, anchor) -> exact.add(item));
      int[] hits = new int[1];
      TextRecall.profile().recall(ctx, c().recallLimit(),
          (item, score, anchor) -> hits[0] += exact.contains(item) ? 1 : 0);
      ctx.release();
      text += hits[0];
      textTotal += exact.size();
    }
    System.out.printf(Locale.ROOT, "BENCH agreement over %d users: top-10 before vs after %.4f;"
        + " text profile candidates (top %d), neighbour lists vs postings %.4f%n", users,
        top10 / (double) top10Total, c().recallLimit(), text / (double) textTotal);
  }

  private static PipelineConfig c() {
    return PipelineConfig.defaults();
  }

  /** How much of the catalogue each recall source touches per request (1,000 random users). */
  private static void stats(ModelSet m, InteractionSnapshot s) {
    SplittableRandom r = new SplittableRandom(2);
    long contributions = 0;
    long anchors = 0;
    long visited = 0;
    int users = 1_000;
    for (int k = 0; k < users; k++) {
      RequestContext ctx = new RequestContext(m,
          RecommendRequest.of(s.userId(r.nextInt(s.userCount())), 10), -1, null);
      for (int a : ctx.anchors()) {
        contributions += m.neighbours().neighbourCount(a);
        anchors++;
      }
      if (m.itemIndex() instanceof ExactVectorIndex e && ctx.userVector() != null) {
        visited += e.scored(ctx.userVector(), PipelineConfig.defaults().recallLimit(),
            ctx.filter());
      }
    }
    System.out.printf(Locale.ROOT, "BENCH per request: %.1f anchors, %.0f item-kNN contributions"
        + " per anchor; exact factor search visits %.0f of %d vectors%n", anchors / (double) users,
        contributions / (double) anchors, visited / (double) users, s.itemCount());
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
