package dev.longview.rank;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import dev.longview.eval.Protocol;
import dev.longview.eval.Split;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ranker benchmark on P1 (ml1m-recbole, PROTOCOLS.md section 1): every single recall model,
 * the fixed blend over their union and the ranker, in one run ({@link RankerEvaluation}). Run by
 * {@code scripts/bench-ranker.sh}; options as system properties: {@code sources} (default
 * ials,itemknn,pop), {@code perSource} (100), {@code negatives} (50), {@code rounds} (300),
 * {@code seed} (42: split; the ranker and models use it too), {@code threads} (2). Item genres
 * from {@code movies.dat} are the item categories; ml-1m has no timestamps, so its time is the
 * file order (one second per line) and the time-of-day features carry no real signal here.
 */
public final class RankerBench {
  private RankerBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = findData("ml-1m");
    if (dir == null) {
      System.err.println("shared/data/ml-1m not found above " + Path.of("").toAbsolutePath()
          + "; nothing to benchmark");
      System.exit(2);
    }
    long seed = Long.getLong("seed", 42);
    List<String> sources = Arrays.asList(System.getProperty("sources", "ials,itemknn,pop").split(","));
    int threads = Integer.getInteger("threads", 2);
    RankerConfig rc = RankerConfig.defaults(seed).withRounds(Integer.getInteger("rounds", 300))
        .withThreads(threads);
    RankerEvaluation.Config config = new RankerEvaluation.Config(sources,
        Integer.getInteger("perSource", 100), Integer.getInteger("negatives", 50), 5, rc, threads);
    long t0 = System.nanoTime();
    InteractionSnapshot snapshot = load(dir);
    Split split = Protocol.named("ml1m-recbole").split(snapshot, seed);
    System.out.printf(Locale.ROOT, "P1: train %d interactions, %d users, %d items; split seed %d;"
        + " loaded and split in %.1f s%n", split.train().size(), split.train().userCount(),
        split.train().itemCount(), seed, (System.nanoTime() - t0) / 1e9);
    RankerEvaluation.Result r = RankerEvaluation.run(split, config, System.out);
    System.out.println();
    System.out.println("| model | Recall@10 | NDCG@10 | Hit@10 | train s |");
    System.out.println("|---|---|---|---|---|");
    for (RankerEvaluation.Line l : r.singles()) {
      print(l.name() + " alone (full ranking)", l);
    }
    print("union of top-" + config.perSource() + ", fixed blend", r.blend());
    print("union of top-" + config.perSource() + ", ranker", r.ranker());
    System.out.printf(Locale.ROOT, "%ncandidates per test user %.1f, share of test items among them"
        + " %.4f; ranker trained on %d groups, %d rows (positives + %d sampled negatives per"
        + " group); candidates built in %.1f s%n", r.meanCandidates(), r.candidateRecall(),
        r.groups(), r.rows(), config.negatives(), r.candidateSeconds());
    System.out.printf(Locale.ROOT, "ranker NDCG@10 - %s NDCG@10, paired per user: %+.4f +- %.4f"
        + " (95%%)%n", r.bestSingle(), r.ndcgGainOverBest(), r.ndcgGainCi95());
    System.out.println("top features by gain:");
    r.importance().entrySet().stream().limit(10).forEach(e ->
        System.out.printf(Locale.ROOT, "  %-45s %.0f%n", e.getKey(), e.getValue()));
    System.out.println("example: " + r.example());
  }

  private static void print(String name, RankerEvaluation.Line l) {
    System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.1f |%n", name, l.recall(),
        l.ndcg(), l.hit(), l.trainSeconds());
  }

  static Path findData(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path d = p.resolve("shared/data").resolve(name);
      if (Files.isDirectory(d)) {
        return d;
      }
    }
    return null;
  }

  /** ratings_no_timestamp.dat (or .dat.gz; time = file order) with genres from movies.dat as categories. */
  static InteractionSnapshot load(Path dir) throws Exception {
    SnapshotBuilder b = new SnapshotBuilder();
    Map<String, Integer> items = new HashMap<>();
    Path movies = dir.resolve("movies.dat");
    if (Files.isRegularFile(movies)) {
      try (BufferedReader r = Files.newBufferedReader(movies, StandardCharsets.ISO_8859_1)) {
        for (String s; (s = r.readLine()) != null; ) {
          String[] f = s.split("::");
          items.put(f[0], b.addItem(f[0], List.of(f[2].split("\\|")), f[1], null, false));
        }
      }
    }
    Map<String, Integer> users = new HashMap<>();
    Path ratings = dir.resolve("ratings_no_timestamp.dat");
    Path gz = dir.resolve("ratings_no_timestamp.dat.gz");
    try (BufferedReader r = Files.isRegularFile(ratings) || !Files.isRegularFile(gz)
        ? Files.newBufferedReader(ratings)
        : new BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
            Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      long line = 0;
      for (String s; (s = r.readLine()) != null; ) {
        line++;
        String[] f = s.split("::");
        int u = users.computeIfAbsent(f[0], id -> b.addUser(id, null, null));
        int i = items.computeIfAbsent(f[1], id -> b.addItem(id, List.of(), null, null, false));
        b.addInteraction(u, i, Float.parseFloat(f[2]), 946_684_800L + line);
      }
    }
    return b.build();
  }
}
