package dev.longview.pipeline;

import dev.longview.algorithms.Algorithms;
import dev.longview.algorithms.FactorView;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The HNSW recall measurement of BENCHMARKS.md ("Server pipeline"): recall@10 of
 * {@link HnswVectorIndex} against {@link ExactVectorIndex}, and query time, for a grid of
 * (M, beamWidth, oversample). Queries are the users' own vectors (ml-1m) or held-out vectors of
 * the same distribution (synthetic). Skipped unless asked for:
 *
 * <pre>
 * mvn -B -o test -pl longview-pipeline -Dtest=HnswRecallBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dlongview.bench.hnsw=ml1m|synthetic [-Dlongview.bench.data=../shared/data/ml-1m]
 * </pre>
 */
@EnabledIfSystemProperty(named = "longview.bench.hnsw", matches = ".+")
class HnswRecallBench {
  @Test
  void recallGrid() throws IOException {
    String which = System.getProperty("longview.bench.hnsw");
    float[] items;
    float[] queries;
    int n;
    int q;
    int dim;
    if (which.equals("ml1m")) {
      Path dir = Path.of(System.getProperty("longview.bench.data", "../shared/data/ml-1m"));
      InteractionSnapshot s = ml1m(dir.resolve("ratings_no_timestamp.dat"));
      long t = System.nanoTime();
      FactorView fv = (FactorView) Algorithms.trainer("ials", Map.of(), 42).train(s);
      System.out.printf(Locale.ROOT, "BENCH ials on ml-1m: %d users, %d items, %d interactions,"
          + " trained in %.1f s%n", s.userCount(), s.itemCount(), s.size(), (System.nanoTime() - t) / 1e9);
      dim = fv.factors();
      n = s.itemCount();
      q = Math.min(2_000, s.userCount());
      items = new float[n * dim];
      queries = new float[q * dim];
      float[] v = new float[dim];
      for (int i = 0; i < n; i++) {
        fv.itemVector(i, v);
        System.arraycopy(v, 0, items, i * dim, dim);
      }
      for (int u = 0; u < q; u++) {
        fv.userVector(u * (s.userCount() / q), v);
        System.arraycopy(v, 0, queries, u * dim, dim);
      }
    } else {
      n = Integer.getInteger("longview.bench.n", 100_000);
      dim = 64;
      q = 1_000;
      items = VectorIndexTest.clustered(n, dim, 1);
      queries = VectorIndexTest.clustered(q, dim, 2);
    }
    ExactVectorIndex exact = new ExactVectorIndex(items, n, dim);
    double exactMs = timePerQuery(exact, queries, q, dim);
    System.out.printf(Locale.ROOT, "BENCH %s: %d x %d, %d queries; exact search %.3f ms/query%n",
        which, n, dim, q, exactMs);
    int[][] grid = {{16, 100, 1}, {16, 100, 3}, {16, 100, 5}, {16, 100, 10}, {32, 200, 3},
        {32, 200, 5}, {32, 200, 10}};
    Map<String, HnswVectorIndex> built = new HashMap<>();
    for (int[] g : grid) {
      String key = g[0] + "/" + g[1];
      long t = System.nanoTime();
      HnswVectorIndex base = built.get(key);
      double buildS = 0;
      if (base == null) {
        base = new HnswVectorIndex(items, n, dim, g[0], g[1], 1);
        buildS = (System.nanoTime() - t) / 1e9;
        built.put(key, base);
      }
      VectorIndex idx = base.withOversample(g[2]);
      double recall = VectorIndexTest.recallAt10(idx, exact, queries, q, dim);
      double ms = timePerQuery(idx, queries, q, dim);
      System.out.printf(Locale.ROOT, "BENCH %s hnsw M=%d beamWidth=%d oversample=%d: recall@10 %.4f,"
          + " %.3f ms/query%s%n", which, g[0], g[1], g[2], recall, ms,
          buildS > 0 ? String.format(Locale.ROOT, ", built in %.1f s", buildS) : "");
    }
    System.out.println("BENCH load average: " + Files.readString(Path.of("/proc/loadavg")).trim());
  }

  private static double timePerQuery(VectorIndex idx, float[] queries, int q, int dim) {
    int[] items = new int[10];
    float[] scores = new float[10];
    float[] v = new float[dim];
    for (int rep = 0; rep < 2; rep++) {
      long t = System.nanoTime();
      for (int k = 0; k < q; k++) {
        System.arraycopy(queries, k * dim, v, 0, dim);
        idx.search(v, 10, null, items, scores);
      }
      if (rep == 1) {
        return (System.nanoTime() - t) / 1e6 / q;
      }
    }
    return 0;
  }

  /** ml-1m ratings as implicit interactions (every rating is one positive interaction). */
  static InteractionSnapshot ml1m(Path ratings) throws IOException {
    return ml1m(ratings, null);
  }

  /**
   * ml-1m with titles and genres from {@code movies} (movies.dat, ISO-8859-1, "id::title::a|b")
   * when not null, for text recall.
   */
  static InteractionSnapshot ml1m(Path ratings, Path movies) throws IOException {
    SnapshotBuilder b = new SnapshotBuilder();
    Map<String, Integer> users = new HashMap<>();
    Map<String, Integer> itemIds = new HashMap<>();
    if (movies != null) {
      for (String line : Files.readAllLines(movies, java.nio.charset.StandardCharsets.ISO_8859_1)) {
        String[] f = line.split("::");
        if (f.length == 3) {
          itemIds.put(f[0], b.addItem(f[0], List.of(f[2].split("\\|")), f[1], null, false));
        }
      }
    }
    List<String> lines = Files.readAllLines(ratings);
    long t = 946_684_800L;
    for (String line : lines) {
      String[] f = line.split("::");
      int u = users.computeIfAbsent(f[0], id -> b.addUser(id, null, null));
      int i = itemIds.computeIfAbsent(f[1], id -> b.addItem(id, List.of(), null, null, false));
      b.addInteraction(u, i, 1f, t++);
    }
    return b.build();
  }
}
