package dev.longview.rank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.snapshot.SnapshotBuilder;
import dev.longview.eval.Protocol;
import dev.longview.eval.Split;
import dev.longview.eval.Splitter;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankerEvaluationTest {
  @Test
  void blendScores_areMinMaxPerSource_summed_withMissingAsZero() {
    RankRequest r = new RankRequest(0, RankContext.at(0), new int[] {7, 8, 9},
        new float[][] {{1f, 3f, Float.NaN}, {Float.NaN, 2f, 4f}});
    assertThat(RankerEvaluation.blendScores(r)).containsExactly(0f, 1f, 1f);
  }

  @Test
  void run_measuresSingles_blend_andRanker_inOneRun() {
    // Three taste groups of users, each drawing mostly from its own 20 of 60 items.
    SplittableRandom rnd = new SplittableRandom(5);
    SnapshotBuilder b = new SnapshotBuilder();
    for (int i = 0; i < 60; i++) {
      b.addItem("i" + i, List.of("g" + (i / 20)), null, null, false);
    }
    for (int u = 0; u < 150; u++) {
      b.addUser("u" + u, null, null);
      int group = u % 3;
      for (int k = 0; k < 15; k++) {
        int item = rnd.nextDouble() < 0.85 ? group * 20 + rnd.nextInt(20) : rnd.nextInt(60);
        b.addInteraction(u, item, 1f, 1_000_000L + u * 1000L + k * 60L);
      }
    }
    Protocol p = new Protocol("synthetic", 0, true, 5, 1, false, Splitter.ratio(0.8, 0.1, 0.1));
    Split split = p.split(b.build(), 3);
    RankerEvaluation.Config config = new RankerEvaluation.Config(List.of("itemknn", "pop"), 20,
        10, 3, RankerConfig.defaults(3).withRounds(30).withMinDataInLeaf(5), 1);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    RankerEvaluation.Result r = RankerEvaluation.run(split, config, new PrintStream(log, true));
    assertThat(r.singles()).extracting(RankerEvaluation.Line::name).containsExactly("itemknn", "pop");
    assertThat(r.candidateRecall()).isBetween(0.5, 1.0);
    assertThat(r.meanCandidates()).isBetween(20.0, 40.0);
    assertThat(r.ranker().ndcg()).isGreaterThan(r.singles().get(1).ndcg());
    assertThat(r.bestSingle()).isEqualTo("itemknn");
    assertThat(r.groups()).isPositive();
    assertThat(r.importance()).isNotEmpty();
    assertThat(r.example()).contains("user ").contains("top item");
    assertThat(log.toString()).contains("ranker:").contains("training groups");
  }
}
