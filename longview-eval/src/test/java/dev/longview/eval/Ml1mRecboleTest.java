package dev.longview.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * P1 on the real ML-1M file (skipped when {@code shared/data} is absent): the 10-core counts that
 * RecBole reports, and the most-popular baseline near the reference run of PROTOCOLS.md (split
 * seed 42: Recall@10 0.0790, NDCG@10 0.1203). The reference used another shuffler, so the split
 * differs entry by entry; the means agree within 0.01.
 */
class Ml1mRecboleTest {
  private static InteractionSnapshot load(Path file) throws Exception {
    SnapshotBuilder b = new SnapshotBuilder();
    Map<String, Integer> users = new HashMap<>();
    Map<String, Integer> items = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file)) {
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

  @Test
  void p1_tenCoreCounts_matchRecBole_andPopularityMatchesReference() throws Exception {
    Path data = Fixtures.sharedData();
    assumeTrue(data != null && Files.isRegularFile(data.resolve("ml-1m/ratings_no_timestamp.dat")),
        "shared/data/ml-1m/ratings_no_timestamp.dat not found above " + Path.of("").toAbsolutePath()
            + "; skipping the ML-1M integration test");
    Protocol p1 = Protocol.named("ml1m-recbole");
    Dataset d = p1.prepare(load(data.resolve("ml-1m/ratings_no_timestamp.dat")));
    assertThat(d.size()).isEqualTo(834_449);
    assertThat(d.userCount()).isEqualTo(6_033);
    assertThat(d.itemCount()).isEqualTo(3_123);

    Split split = p1.splitter().split(d, 42);
    assertThat(split.train().size()).isEqualTo(673_059);
    Report r = new Evaluator(List.of(10), 2)
        .evaluate(Fixtures.popularity(split.train()), split, Evaluator.Target.TEST);
    assertThat(r.users()).isEqualTo(6_033);
    assertThat(r.mean("recall@10")).isCloseTo(0.0790, within(0.01));
    assertThat(r.mean("ndcg@10")).isCloseTo(0.1203, within(0.01));
  }
}
