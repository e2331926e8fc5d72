package dev.longview.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineTest {
  static InteractionSnapshot shop;
  static ModelSet models;
  static Pipeline pipeline;

  @BeforeAll
  static void train() {
    shop = Shop.small();
    models = ModelSet.train(shop, Shop.config(), 42);
    pipeline = Pipeline.standard(Shop.config());
  }

  private static List<String> ids(Recommendation r) {
    return r.items().stream().map(Recommendation.Item::itemId).toList();
  }

  private static int group(String itemId) {
    return Integer.parseInt(itemId.substring(1)) / 20;
  }

  @Test
  void chain_allModelsReady_servesKnownUsersWithTheFirst() {
    assertThat(models.statuses()).extracting(ModelSet.Status::state)
        .containsExactly("ready", "ready", "ready");
    Recommendation r = pipeline.recommend(models, RecommendRequest.of("u0", 10), null);
    assertThat(r.model()).isEqualTo("ials");
    assertThat(r.fallback()).isFalse();
    // All of u0's interactions fall within its first days: the lifecycle classifier says
    // activated, and the retention stage applied the activating policy.
    assertThat(r.stage()).isEqualTo("activating");
    assertThat(r.items()).hasSize(10);
    // u0 is in group 0: most of its recommendations come from its category.
    assertThat(ids(r).stream().filter(id -> group(id) == 0).count()).isGreaterThanOrEqualTo(7);
  }

  @Test
  void recommend_neverReturnsConsumedHiddenOrExcludedItems() {
    int u = shop.userIndex("u1");
    Set<String> consumed = new HashSet<>();
    for (int p = shop.userStart(u); p < shop.userEnd(u); p++) {
      consumed.add(shop.itemId(shop.itemAt(p)));
    }
    RecommendRequest req = new RecommendRequest("u1", 40, 0, null, Set.of("i21", "i22"),
        List.of(new RecommendRequest.RecentItem("i23", "purchase")), null, null, null, true);
    List<String> got = ids(pipeline.recommend(models, req, Map.of("i24", true)));
    assertThat(got).doesNotContainAnyElementsOf(consumed)
        .doesNotContain("i21", "i22", "i23", "i24").doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void pages_neverRepeat_andEqualTheSlicesOfOneRanking(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String user = r.nextInt(5) == 0 ? "stranger" : "u" + r.nextInt(120);
    int n = 1 + r.nextInt(7);
    List<String> whole = ids(pipeline.recommend(models, RecommendRequest.of(user, 5 * n), null));
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 5 * n; offset += n) {
      paged.addAll(ids(pipeline.recommend(models, RecommendRequest.of(user, n).withOffset(offset),
          null)));
    }
    assertThat(paged).doesNotHaveDuplicates().isEqualTo(whole);
  }

  @Test
  void unknownUser_getsTrending_fromThePopFallback() {
    Recommendation r = pipeline.recommend(models, RecommendRequest.of("nobody", 5), null);
    assertThat(r.model()).isEqualTo("pop");
    assertThat(r.fallback()).isTrue();
    assertThat(r.stage()).isEqualTo("new");
    assertThat(r.items()).hasSize(5);
    assertThat(r.items().get(0).sources()).contains("trending");
    assertThat(r.items().get(0).reasons().get(0)).startsWith("popular this week in c");
  }

  @Test
  void newItem_withoutInteractions_isReachedThroughCategoryRecall() {
    // i18 and i19 are category c0's new items: no interactions at all.
    assertThat(shop.itemDegree(shop.itemIndex("i18"))).isZero();
    Recommendation r = pipeline.recommend(models, RecommendRequest.of("u0", 60), null);
    Recommendation.Item item = r.items().stream().filter(i -> i.itemId().equals("i18"))
        .findFirst().orElseThrow();
    assertThat(item.sources()).contains("new-items");
    assertThat(item.reasons()).contains("new in a category you like: c0");
  }

  @Test
  void realTimeEvents_changeTheNextAnswer_withoutRetraining() {
    // A user of group 0 buys three items of group 2: item-kNN recall and the iALS fold-in move
    // group 2 up, and the bought items are filtered.
    RecommendRequest before = RecommendRequest.of("u0", 10);
    List<RecommendRequest.RecentItem> bought = List.of(
        new RecommendRequest.RecentItem("i40", "purchase"),
        new RecommendRequest.RecentItem("i41", "purchase"),
        new RecommendRequest.RecentItem("i42", "purchase"));
    Recommendation a = pipeline.recommend(models, before, null);
    Recommendation b = pipeline.recommend(models, before.withRecent(bought), null);
    long groupTwoBefore = ids(a).stream().filter(id -> group(id) == 2).count();
    long groupTwoAfter = ids(b).stream().filter(id -> group(id) == 2).count();
    assertThat(groupTwoAfter).isGreaterThan(groupTwoBefore);
    assertThat(ids(b)).doesNotContain("i40", "i41", "i42");
    assertThat(b.items().stream().flatMap(i -> i.reasons().stream()))
        .anyMatch(reason -> reason.matches("because you bought \"Item 4[012]\" \\(i4[012]\\)"));
  }

  @Test
  void sessionItems_serveAnUnknownUser_throughFoldInAndItemKnn() {
    RecommendRequest req = RecommendRequest.of("visitor", 10).withRecent(List.of(
        new RecommendRequest.RecentItem("i20", "session"),
        new RecommendRequest.RecentItem("i21", "session")));
    Recommendation r = pipeline.recommend(models, req, null);
    assertThat(r.model()).isEqualTo("ials");
    assertThat(ids(r).stream().filter(id -> group(id) == 1).count()).isGreaterThanOrEqualTo(7);
  }

  @Test
  void failedModel_fallsDownTheChain_andSaysSo() {
    Trainer broken = s -> {
      throw new IllegalStateException("out of disk");
    };
    ModelSet set = ModelSet.train(shop, Shop.config(), Map.of("ials", broken), 42);
    assertThat(set.statuses().get(0)).isEqualTo(new ModelSet.Status("ials", "failed",
        "out of disk", set.statuses().get(0).seconds()));
    assertThat(set.primary()).isEqualTo("itemknn");
    Recommendation r = pipeline.recommend(set, RecommendRequest.of("u0", 10), null);
    assertThat(r.model()).isEqualTo("itemknn");
    assertThat(r.fallback()).isTrue();
    assertThat(r.items()).hasSize(10);
    ModelSet none = ModelSet.train(shop, Shop.config(), Map.of("ials", broken, "itemknn", broken), 42);
    assertThat(pipeline.recommend(none, RecommendRequest.of("u0", 10), null).model()).isEqualTo("pop");
  }

  @Test
  void similarItems_comeFromTheSameCategory_andExcludeTheItem() {
    Recommendation r = pipeline.similar(models, "i25", 8, null);
    assertThat(ids(r)).doesNotContain("i25").hasSize(8);
    assertThat(ids(r).stream().filter(id -> group(id) == 1).count()).isGreaterThanOrEqualTo(6);
    assertThatThrownBy(() -> pipeline.similar(models, "nope", 3, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
  }

  @Test
  void mmr_diversifies_whenLambdaFalls() {
    PipelineConfig diverse = Shop.config().withRetention(false).withMmrLambda(0.3);
    Recommendation plain = Pipeline.standard(Shop.config().withRetention(false).withMmrLambda(1.0))
        .recommend(models, RecommendRequest.of("u3", 10), null);
    Recommendation mixed = Pipeline.standard(diverse).recommend(models, RecommendRequest.of("u3", 10), null);
    long distinctPlain = ids(plain).stream().map(PipelineTest::group).distinct().count();
    long distinctMixed = ids(mixed).stream().map(PipelineTest::group).distinct().count();
    assertThat(distinctMixed).isGreaterThan(distinctPlain);
  }

  @Test
  void categoryRule_keepsOnlyThatCategory() {
    RecommendRequest req = new RecommendRequest("u0", 10, 0, "c2", null, null, null, null, null, true);
    assertThat(ids(pipeline.recommend(models, req, null))).isNotEmpty()
        .allMatch(id -> group(id) == 2);
  }

  /**
   * The pooled per-request scratch arrays ({@link Scratch}) carry nothing from one request to the
   * next: the same requests give the same pages whether each runs on fresh arrays (the first
   * round, new model set) or on reused ones, with four threads sharing the pool, and pooled sets
   * are back to their reset state afterwards.
   */
  @Test
  void recommend_withPooledScratch_givesTheSameAnswers_sequentialOrConcurrent() throws Exception {
    ModelSet fresh = ModelSet.train(shop, Shop.config(), 42);
    List<RecommendRequest> requests = new ArrayList<>();
    for (int u = 0; u < 40; u++) {
      requests.add(new RecommendRequest("u" + u, 5, u % 3, u % 4 == 0 ? "c1" : null,
          u % 5 == 0 ? Set.of("i3", "i25") : null, null, null, null, null, true));
    }
    List<Recommendation> expected = new ArrayList<>();
    for (RecommendRequest r : requests) {
      expected.add(pipeline.recommend(fresh, r, null));
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Recommendation>> got = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (RecommendRequest r : requests) {
          got.add(pool.submit(() -> pipeline.recommend(fresh, r, null)));
        }
      }
      for (int k = 0; k < got.size(); k++) {
        assertThat(got.get(k).get()).isEqualTo(expected.get(k % requests.size()));
      }
    } finally {
      pool.shutdown();
    }
    for (int k = 0; k < 8; k++) {
      Scratch sc = fresh.scratch.take();
      assertThat(sc.itemAnchor).containsOnly(-1);
      assertThat(sc.slotOf).containsOnly(-1);
    }
  }
}
