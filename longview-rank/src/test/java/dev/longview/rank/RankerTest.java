package dev.longview.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RankerTest {
  private static SyntheticShop shop;
  private static RankerFeatures features;
  private static Ranker ranker;

  @BeforeAll
  static void train() {
    shop = new SyntheticShop(300, 11);
    features = RankerFeatures.of(shop.snapshot, null, null, ZoneId.of("UTC"), 7);
    ranker = new RankerTrainer(config()).train(features, List.of("pop"), shop.groups(shop.trainLog));
  }

  @AfterAll
  static void close() {
    ranker.close();
  }

  private static RankerConfig config() {
    return RankerConfig.defaults(7).withRounds(80).withMinDataInLeaf(20);
  }

  /** Mean NDCG@5 over test groups of the order given by {@code scores} (ties by item index). */
  private static double ndcgAt5(List<LabeledGroup> groups, java.util.function.Function<LabeledGroup, double[]> scores) {
    double sum = 0;
    int n = 0;
    for (LabeledGroup g : groups) {
      if (!g.hasPositive()) {
        continue;
      }
      double[] s = scores.apply(g);
      int size = g.request().size();
      Integer[] order = new Integer[size];
      for (int k = 0; k < size; k++) {
        order[k] = k;
      }
      int[] items = g.request().items();
      Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -s[k]).thenComparingInt(k -> items[k]));
      double dcg = 0;
      for (int r = 0; r < Math.min(5, size); r++) {
        if (g.label(order[r]) > 0) {
          dcg += 1 / (Math.log(r + 2) / Math.log(2));
        }
      }
      int rel = (int) Arrays.stream(g.labels()).filter(l -> l > 0).count();
      double idcg = 0;
      for (int r = 0; r < Math.min(5, rel); r++) {
        idcg += 1 / (Math.log(r + 2) / Math.log(2));
      }
      sum += dcg / idcg;
      n++;
    }
    return sum / n;
  }

  @Test
  void rank_learnsTheTimeOfDayRule_andBeatsTheContextFreeOrder() {
    List<LabeledGroup> test = shop.groups(shop.testLog);
    double ranked = ndcgAt5(test, g -> {
      double[] s = new double[g.request().size()];
      for (RankedCandidate c : ranker.rank(g.request(), 0)) {
        s[Arrays.stream(g.request().items()).boxed().toList().indexOf(c.item())] = c.score();
      }
      return s;
    });
    double popularity = ndcgAt5(test, g -> {
      float[] pop = g.request().sourceScores()[0];
      double[] s = new double[pop.length];
      for (int k = 0; k < s.length; k++) {
        s[k] = Float.isNaN(pop[k]) ? -1 : pop[k];
      }
      return s;
    });
    assertThat(ranked).as("ranker NDCG@5 vs popularity %s", popularity).isGreaterThan(popularity + 0.25);
    assertThat(ranked).isGreaterThan(0.8);
  }

  @Test
  void rank_putsCategoryAFirstInTheMorningAndBInTheEvening() {
    int[] all = new int[SyntheticShop.ITEMS];
    Arrays.setAll(all, i -> i);
    int user = 250;
    long day = SyntheticShop.T0 + 40 * 86_400L;
    for (boolean morning : new boolean[] {true, false}) {
      RankContext ctx = new RankContext(day + (morning ? 9 : 21) * 3_600L, "mobile", new int[0], null);
      RankRequest r = shop.recall.requestFor(user, all, shop.historyFilter(user), ctx);
      List<RankedCandidate> out = ranker.rank(r, 3);
      long firstHalfA = out.subList(0, 10).stream().filter(c -> c.item() < 20).count();
      assertThat(firstHalfA).as("A items in the top 10, morning=%s", morning)
          .isEqualTo(morning ? 10 : 0);
    }
  }

  @Test
  void explanations_nameTheTimeOfDayAndCategoryFeatures() {
    int[] all = new int[SyntheticShop.ITEMS];
    Arrays.setAll(all, i -> i);
    RankContext ctx = new RankContext(SyntheticShop.T0 + 40 * 86_400L + 8 * 3_600L, null,
        new int[0], null);
    RankRequest r = shop.recall.requestFor(3, all, shop.historyFilter(3), ctx);
    RankedCandidate top = ranker.rank(r, 3).get(0);
    List<String> named = top.contributions().stream().map(Contribution::feature).toList();
    assertThat(named).hasSize(3).contains("hour_of_day", "item_category");
    Contribution hour = top.contributions().stream()
        .filter(c -> c.feature().equals("hour_of_day")).findFirst().orElseThrow();
    assertThat(hour.label()).isEqualTo("hour of day");
    assertThat(hour.value()).isEqualTo(8f);
    assertThat(hour.contribution()).isPositive();
    // Contributions are ordered by absolute size.
    for (int k = 1; k < top.contributions().size(); k++) {
      assertThat(Math.abs(top.contributions().get(k - 1).contribution()))
          .isGreaterThanOrEqualTo(Math.abs(top.contributions().get(k).contribution()));
    }
  }

  @Test
  void train_isDeterministicForASeed() {
    try (Ranker again = new RankerTrainer(config()).train(features, List.of("pop"),
        shop.groups(shop.trainLog))) {
      assertThat(again.modelText()).isEqualTo(ranker.modelText());
      List<RankRequest> reqs = shop.groups(shop.testLog).stream().limit(20)
          .map(LabeledGroup::request).toList();
      assertThat(again.score(reqs)).containsExactly(ranker.score(reqs));
    }
  }

  @Test
  void featureNames_areReadableAndOnePerColumn() {
    assertThat(ranker.featureNames()).hasSize(ranker.featureLabels().size())
        .contains("hour_of_day", "src_pop_score", "src_pop_rank", "user_category_affinity");
    assertThat(ranker.featureLabels()).contains("pop score", "hour of day");
    assertThat(ranker.devices()).containsExactly("mobile", "web");
    assertThat(ranker.importance()).hasSize(ranker.featureNames().size());
  }

  @Test
  void rank_rejectsBadRequests_withMessagesThatSayWhatToFix() {
    RankContext ctx = RankContext.at(SyntheticShop.T0);
    assertThatThrownBy(() -> ranker.rank(new RankRequest(0, ctx, new int[] {1, 2},
        new float[0][]), 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 recall sources").hasMessageContaining("[pop]");
    assertThatThrownBy(() -> ranker.rank(new RankRequest(0, ctx, new int[] {1, 99},
        new float[][] {{1f, 2f}}), 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("item 99").hasMessageContaining("0..39");
    assertThatThrownBy(() -> ranker.rank(new RankRequest(5000, ctx, new int[] {1},
        new float[][] {{1f}}), 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user 5000");
    assertThatThrownBy(() -> ranker.rank(new RankRequest(0, new RankContext(0, null, new int[0],
        new float[] {1f, 0f}), new int[] {1}, new float[][] {{1f}}), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text vectors");
    assertThatThrownBy(() -> new RankRequest(0, ctx, new int[] {1, 2}, new float[][] {{1f}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 scores for 2 candidates");
    assertThatThrownBy(() -> new RankContext(0, null, new int[0], new float[] {Float.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queryVector[0]");
    assertThatThrownBy(() -> ranker.rank(new RankRequest(0, ctx, new int[] {1},
        new float[][] {{1f}}), -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rank_ofAnUnknownUserAndAnEmptyList_works() {
    RankContext ctx = RankContext.at(SyntheticShop.T0);
    assertThat(ranker.rank(new RankRequest(-1, ctx, new int[] {1, 2},
        new float[][] {{Float.NaN, 3f}}), 2)).hasSize(2);
    assertThat(ranker.rank(new RankRequest(0, ctx, new int[0], new float[][] {{}}), 2)).isEmpty();
  }

  @Test
  void train_rejectsGroupsWithoutPositives_andMismatchedSources() {
    RankRequest r = new RankRequest(0, RankContext.at(SyntheticShop.T0), new int[] {1, 2},
        new float[][] {{1f, 2f}});
    RankerTrainer t = new RankerTrainer(config());
    assertThatThrownBy(() -> t.train(features, List.of("pop"), List.of(new LabeledGroup(r,
        new int[] {0, 0})))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> t.train(features, List.of("pop", "ials"), List.of(new LabeledGroup(r,
        new int[] {1, 0})))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 are named");
    assertThatThrownBy(() -> new LabeledGroup(r, new int[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one label per candidate");
    assertThatThrownBy(() -> RankerConfig.defaults(1).withRounds(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rounds was 0");
  }
}
