package dev.longview.text.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.longview.core.model.Model;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import dev.longview.text.TfIdfEncoder;
import dev.longview.text.coldstart.ColdStartEvaluation.Scores;
import dev.longview.text.coldstart.ColdStartEvaluation.UserText;
import dev.longview.text.coldstart.ColdStartEvaluation.Variant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class ColdStartEvaluationTest {
  // Items 0..5; 1, 3 and 5 are the cold ones in the hand-computed test.
  private static final String[][] ITEMS = {
      {"Alien (1979)", "Sci-Fi"}, {"Aliens (1986)", "Sci-Fi"}, {"Toy Story (1995)", "Animation"},
      {"Toy Story 2 (1999)", "Animation"}, {"Heat (1995)", "Crime"}, {"Heat Wave (2001)", "Crime"}};

  /** u0: Alien, Aliens; u1: Toy Story, Toy Story 2; u2: Heat, Alien. */
  static InteractionSnapshot fixture() {
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < 3; u++) {
      b.addUser("u" + u, null, Map.of());
    }
    for (int i = 0; i < ITEMS.length; i++) {
      b.addItem("m" + i, List.of(ITEMS[i][1]), ITEMS[i][0], null, false);
    }
    int[][] rows = {{0, 0}, {0, 1}, {1, 2}, {1, 3}, {2, 4}, {2, 0}};
    for (int[] r : rows) {
      b.addInteraction(r[0], r[1], 1f, 1_000_000L + r[0] * 10 + r[1]);
    }
    return b.build();
  }

  private static List<List<UserText>> noTags(int n) {
    List<List<UserText>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(List.of());
    }
    return out;
  }

  private static Scores method(List<Scores> scores, String name) {
    return scores.stream().filter(s -> s.method().equals(name)).findFirst().orElseThrow();
  }

  /** A real, simple collaborative model: scores an item by its training interactions. */
  static final Trainer POPULARITY = train -> new Model() {
    @Override public int userCount() {
      return train.userCount();
    }

    @Override public int itemCount() {
      return train.itemCount();
    }

    @Override public void score(int user, float[] scores) {
      for (int i = 0; i < train.itemCount(); i++) {
        scores[i] = train.itemDegree(i);
      }
    }
  };

  @Test
  void metrics_matchValuesComputedByHand() {
    BitSet cold = new BitSet();
    cold.set(1);
    cold.set(3);
    cold.set(5);
    ColdStartSplit split = ColdStartSplit.withColdItems(fixture(), cold, 0, 1);
    ColdStartEvaluation.Result r = ColdStartEvaluation.run(split, noTags(6),
        List.of(Variant.TITLE_NO_YEAR_GENRES), corpus -> TfIdfEncoder.fit(corpus),
        POPULARITY, "pop", new ColdStartEvaluation.Config(List.of(1, 2), 2, 7), line -> { });
    // Users with a cold item and training items: u0 (cold: Aliens) and u1 (cold: Toy Story 2).
    assertThat(r.users()).isEqualTo(2);
    assertThat(r.coldItems()).isEqualTo(3);
    assertThat(r.trainInteractions()).isEqualTo(4);
    // genre-pop: Sci-Fi has 2 training interactions on 1 warm item (2.0), Animation and Crime 1.0:
    // order Aliens, then Toy Story 2 and Heat Wave tied (lower index first). u0 hits at rank 1;
    // u1 at rank 2 (NDCG@2 = 1 / log2(3)).
    Scores pop = method(r.coldRanking(), "genre-pop");
    assertThat(pop.recall()).containsExactly(0.5, 1.0);
    assertThat(pop.ndcg()[1]).isCloseTo((1 + 1 / (Math.log(3) / Math.log(2))) / 2, offset(1e-12));
    // Text: "Aliens" stems to "alien" and "Toy Story 2" shares "toy story": both at rank 1.
    Scores text = method(r.coldRanking(), "text:title-without-year+genres");
    assertThat(text.recall()).containsExactly(1.0, 1.0);
    assertThat(text.ndcg()).containsExactly(1.0, 1.0);
    // Hybrid: popularity alone scores cold items 0, below every warm candidate, so it never
    // reaches them. The quantile hybrid gives a cold item whose text beats every warm candidate's
    // the best warm candidate's score: u0's Aliens ties with Toy Story and Heat (1 each) and wins
    // on its lower index; u1's Toy Story 2 ties with Alien (2) and loses on index: rank 2.
    assertThat(method(r.hybrid(), "pop").coldRecall()).containsExactly(0.0, 0.0);
    assertThat(method(r.hybrid(), "pop+text(quantile)").coldRecall()).containsExactly(0.5, 1.0);
  }

  @Test
  void othersTags_dropTheRankedUsersOwnTagOnAColdItem() {
    BitSet cold = new BitSet();
    cold.set(5);
    ColdStartSplit split = ColdStartSplit.withColdItems(fixture(), cold, 0, 1);
    List<List<UserText>> tags = noTags(6);
    InteractionSnapshot s = fixture();
    assertThat(ColdStartEvaluation.text(s, 5, Variant.OTHERS_TAGS, true,
        List.of(new UserText(2, "neo-noir"), new UserText(0, "robbery")), 2)).isEqualTo("Heat Wave (2001). Crime. robbery");
    assertThat(ColdStartEvaluation.text(s, 5, Variant.WARM_TAGS, true, List.of(new UserText(2, "neo-noir")), -1))
        .isEqualTo("Heat Wave (2001). Crime");
    assertThat(ColdStartEvaluation.text(s, 4, Variant.WARM_TAGS, false, List.of(new UserText(-1, "neo-noir")), -1))
        .isEqualTo("Heat (1995). Crime. neo-noir");
    assertThat(split.coldItemCount()).isEqualTo(1);
    assertThat(tags).hasSize(6);
  }

  @RepeatedTest(5)
  void split_putsEveryInteractionOnExactlyOneSide_andColdItemsNeverTrain(RepetitionInfo info) {
    Random r = new Random(info.getCurrentRepetition());
    SnapshotBuilder b = new SnapshotBuilder();
    int users = 20 + r.nextInt(20);
    int items = 30 + r.nextInt(30);
    for (int u = 0; u < users; u++) {
      b.addUser("u" + u, null, Map.of());
    }
    for (int i = 0; i < items; i++) {
      b.addItem("i" + i, List.of(), "t" + i, null, false);
    }
    Set<Long> pairs = new HashSet<>();
    for (int k = 0; k < 300; k++) {
      int u = r.nextInt(users);
      int i = r.nextInt(items);
      if (pairs.add((long) u * items + i)) {
        b.addInteraction(u, i, 1f, k);
      }
    }
    InteractionSnapshot all = b.build();
    long seed = r.nextLong();
    ColdStartSplit split = ColdStartSplit.of(all, 0.1, 0.2, seed);
    long seen = java.util.stream.IntStream.range(0, items).filter(i -> all.itemDegree(i) > 0).count();
    assertThat(split.coldItemCount()).isEqualTo((int) Math.ceil(0.1 * seen));
    for (int c : split.coldItems) {
      assertThat(split.train().itemDegree(c)).isZero();
    }
    assertThat(split.train().size() + split.coldTestCount() + split.warmTestCount()).isEqualTo(all.size());
    for (int u = 0; u < users; u++) {
      Set<Integer> sides = new HashSet<>();
      for (int[] part : new int[][] {split.trainItems[u], split.warmTest[u], split.coldTest[u]}) {
        for (int i : part) {
          assertThat(sides.add(i)).as("item %d on two sides for user %d", i, u).isTrue();
        }
      }
      assertThat(sides).hasSize(all.userDegree(u));
    }
    ColdStartSplit again = ColdStartSplit.of(all, 0.1, 0.2, seed);
    assertThat(again.coldItems).isEqualTo(split.coldItems);
    assertThat(again.warmTest).isEqualTo(split.warmTest);
  }

  @Test
  void badSettings_areRefused() {
    assertThatThrownBy(() -> ColdStartSplit.of(fixture(), 0, 0.2, 1)).hasMessageContaining("coldFraction was 0.0");
    assertThatThrownBy(() -> ColdStartSplit.of(fixture(), 0.1, 1, 1)).hasMessageContaining("testFraction was 1.0");
    assertThatThrownBy(() -> new ColdStartEvaluation.Config(List.of(0), 20, 1)).hasMessageContaining("cutoffs were [0]");
    BitSet outside = new BitSet();
    outside.set(6);
    assertThatThrownBy(() -> ColdStartSplit.withColdItems(fixture(), outside, 0, 1))
        .hasMessageContaining("cold item 6 is outside the 6 items");
  }
}
