package dev.longview.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.rank.RankRequest;
import dev.longview.rank.Ranker;
import dev.longview.rank.RankerConfig;
import dev.longview.rank.RankerModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learned ranking stage inside the pipeline, on a tiny planted shop. */
class RankerScorerTest {
  static InteractionSnapshot shop;
  /** Relevance order only (no retention stage, MMR at lambda 1), so that order = ranker score. */
  static PipelineConfig config;
  static Pipeline pipeline;
  static RankerModel ranker;
  static ModelSet models;

  static PipelineRanker.Config rankerConfig(long seed) {
    return new PipelineRanker.Config(0.2, true, 5, 20,
        RankerConfig.defaults(seed).withRounds(40).withMinDataInLeaf(10));
  }

  @BeforeAll
  static void train() {
    shop = Shop.planted(200, 3, 20, 2, 0.4, 11);
    config = PipelineConfig.defaults().withRetention(false).withMmrLambda(1.0);
    pipeline = Pipeline.standard(config);
    ranker = PipelineRanker.train(shop, pipeline, config, rankerConfig(7),
        TextEncoderFactory.tfidf(), null);
    models = ModelSet.train(shop, config, Map.of(), 42, TextEncoderFactory.tfidf(), null, ranker);
  }

  @AfterAll
  static void close() {
    ranker.close();
  }

  private static List<String> ids(Recommendation r) {
    return r.items().stream().map(Recommendation.Item::itemId).toList();
  }

  @Test
  void rankingStage_isTheRanker_whenTheModelSetHasOne_andTheResponseSaysSo() {
    assertThat(models.ranker()).isNotNull();
    assertThat(ranker.sources()).isEqualTo(pipeline.sourceNames());
    RecommendRequest req = new RecommendRequest("u4", 10, 0, null, null, null, null, null, null,
        false);
    Recommendation r = pipeline.recommend(models, req, null);
    assertThat(r.model()).isEqualTo("ials+ranker");
    assertThat(r.fallback()).isFalse();
    // The same candidates scored by the ranker directly, best first (ties by slot order).
    RankRequest rr = pipeline.rankRequest(models, req);
    double[] s = models.ranker().score(List.of(rr));
    int[] items = rr.items();
    Integer[] order = new Integer[items.length];
    Arrays.setAll(order, k -> k);
    Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -(float) s[k]).thenComparingInt(k -> k));
    List<String> expected = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      expected.add(shop.itemId(items[order[k]]));
    }
    assertThat(ids(r)).isEqualTo(expected);
    for (int k = 0; k < 10; k++) {
      assertThat(r.items().get(k).score()).isEqualTo((float) s[order[k]]);
    }
  }

  @Test
  void withoutARanker_theSamePipelineBlends() {
    ModelSet plain = ModelSet.train(shop, config, 42);
    Recommendation r = pipeline.recommend(plain, RecommendRequest.of("u4", 10), null);
    assertThat(r.model()).isEqualTo("ials");
    assertThat(plain.ranker()).isNull();
  }

  @Test
  void recommendations_stayInTheUsersGroup_andNeverRepeatConsumedItems() {
    for (String user : List.of("u0", "u1", "u2", "u50")) {
      int u = shop.userIndex(user);
      Set<String> consumed = new HashSet<>();
      for (int p = shop.userStart(u); p < shop.userEnd(u); p++) {
        consumed.add(shop.itemId(shop.itemAt(p)));
      }
      Recommendation r = pipeline.recommend(models, RecommendRequest.of(user, 10), null);
      assertThat(ids(r)).hasSize(10).doesNotContainAnyElementsOf(consumed);
      long inGroup = ids(r).stream()
          .filter(id -> Integer.parseInt(id.substring(1)) / 20 == u % 3).count();
      assertThat(inGroup).as("%s's items in its own group", user).isGreaterThanOrEqualTo(8);
    }
  }

  @Test
  void explanations_leadWithTheSourceThatMovedTheRankerScoreMost() {
    RecommendRequest req = RecommendRequest.of("u7", 5);
    Recommendation r = pipeline.recommend(models, req, null);
    RankRequest rr = pipeline.rankRequest(models, req);
    float[] parts = models.ranker().sourceContributions(rr);
    List<String> names = pipeline.sourceNames();
    int[] items = rr.items();
    for (Recommendation.Item item : r.items()) {
      assertThat(item.reasons()).isNotEmpty();
      int k = 0;
      while (!shop.itemId(items[k]).equals(item.itemId())) {
        k++;
      }
      int best = -1;
      for (int s = 0; s < names.size(); s++) {
        if (item.sources().contains(names.get(s))
            && (best < 0 || parts[k * names.size() + s] > parts[k * names.size() + best])) {
          best = s;
        }
      }
      String first = item.reasons().get(0);
      String src = names.get(best);
      // Each source words its own reason; the top contributor's comes first.
      String prefix = switch (src) {
        case "trending" -> "popular";
        case "factors" -> "matches your taste";
        case "itemknn" -> "because you";
        case "new-items" -> "new";
        case "text" -> first.startsWith("new: ") ? "new: similar to" : "similar to";
        default -> throw new AssertionError("unexpected source " + src + " for " + item);
      };
      assertThat(first).as("first reason of %s (top source %s)", item.itemId(), src)
          .startsWith(prefix);
    }
  }

  @Test
  void savedAndLoaded_theRankerGivesTheSameRecommendations(@TempDir Path dir) throws Exception {
    PipelineModel model = new PipelineModel(pipeline, models, null, 20);
    List<String> files = new PipelineModel(pipeline, models, ranker, 20).writeTo(dir);
    assertThat(files).contains(RankerModel.MODEL_FILE, RankerModel.META_FILE, "recall-ials.lvm");
    try (RankerModel back = RankerModel.read(dir)) {
      ModelSet again = ModelSet.train(shop, config, Map.of(), 42, TextEncoderFactory.tfidf(),
          null, back);
      for (String user : List.of("u0", "u3", "u99")) {
        RecommendRequest req = RecommendRequest.of(user, 10);
        Recommendation a = pipeline.recommend(models, req, null);
        Recommendation b = pipeline.recommend(again, req, null);
        assertThat(b.items()).isEqualTo(a.items());
        assertThat(b.model()).isEqualTo("ials+ranker");
      }
      float[] x = new float[shop.itemCount()];
      float[] y = new float[shop.itemCount()];
      model.score(shop.userIndex("u3"), x);
      new PipelineModel(pipeline, again, null, 20).score(shop.userIndex("u3"), y);
      assertThat(y).containsExactly(x);
    }
  }

  @Test
  void training_isDeterministicForASeed_givenTheSameRecallModels() {
    // iALS itself is not bit-stable across JIT tiers within one JVM (its first run in a JVM can
    // differ in the last bits from later ones), so the recall models are fixed here: what is
    // checked is the hold-out, candidate, sampling and LambdaMART part.
    int[][] held = new int[shop.userCount()][];
    InteractionSnapshot reduced = PipelineRanker.holdOut(shop, rankerConfig(7), held);
    dev.longview.core.model.Model ials = dev.longview.algorithms.Algorithms
        .trainer("ials", Map.of(), 7).train(reduced);
    Map<String, dev.longview.core.model.Trainer> fixed = Map.of("ials", s -> ials);
    try (RankerModel a = PipelineRanker.train(shop, pipeline, config, rankerConfig(7), fixed,
            TextEncoderFactory.tfidf(), null);
        RankerModel b = PipelineRanker.train(shop, pipeline, config, rankerConfig(7), fixed,
            TextEncoderFactory.tfidf(), null);
        RankerModel c = PipelineRanker.train(shop, pipeline, config, rankerConfig(8), fixed,
            TextEncoderFactory.tfidf(), null)) {
      assertThat(b.text()).isEqualTo(a.text());
      assertThat(c.text()).as("another seed samples other negatives").isNotEqualTo(a.text());
    }
  }

  @Test
  void pipelineModel_scoresOnlyItsRanking_byPosition() {
    PipelineModel m = new PipelineModel(pipeline, models, null, 15);
    float[] out = new float[shop.itemCount()];
    int u = shop.userIndex("u5");
    m.score(u, out);
    long ranked = 0;
    for (float v : out) {
      if (!Float.isNaN(v)) {
        ranked++;
      }
    }
    assertThat(ranked).isEqualTo(15);
    List<String> top = ids(pipeline.recommend(models, new RecommendRequest("u5", 15, 0, null,
        null, null, null, null, null, false), null));
    assertThat(out[shop.itemIndex(top.get(0))]).isEqualTo(15f);
    assertThat(out[shop.itemIndex(top.get(14))]).isEqualTo(1f);
    assertThatThrownBy(() -> new PipelineModel(pipeline, models, null, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth");
  }

  @Test
  void holdOut_keepsIndicesAndHoldsTheLatestPositives() {
    int[][] held = new int[shop.userCount()][];
    InteractionSnapshot reduced = PipelineRanker.holdOut(shop, rankerConfig(1), held);
    assertThat(reduced.userCount()).isEqualTo(shop.userCount());
    assertThat(reduced.itemCount()).isEqualTo(shop.itemCount());
    int u = shop.userIndex("u0");
    int n = shop.userDegree(u);
    int h = Math.max(1, (int) Math.round(0.2 * n));
    assertThat(held[u]).hasSize(h);
    assertThat(reduced.userDegree(u)).isEqualTo(n - h);
    for (int k = 0; k < h; k++) {
      assertThat(held[u][k]).isEqualTo(shop.itemAt(shop.userEnd(u) - h + k));
    }
    int total = 0;
    for (int[] x : held) {
      total += x == null ? 0 : x.length;
    }
    assertThat(reduced.size()).isEqualTo(shop.size() - total);
  }

  /**
   * Training/serving parity of the user signals: the training groups are built from a model set
   * without a ranker (signals computed on first use, here from the retention stage's states) and
   * serving from one with the ranker (computed eagerly, retention off: the same rules run in
   * {@link UserSignalTable}); every user gets the same signals, and the user part of the feature
   * row the ranker computes from a training request equals the one from a serving request.
   */
  @Test
  void userSignals_areTheSameInTrainingAndServing_andReachTheFeatureRow() {
    ModelSet training = ModelSet.train(shop, config.withRetention(true), 42);
    assertThat(training.ranker()).isNull();
    assertThat(training.retention()).isNotNull();
    assertThat(models.retention()).isNull();
    java.util.Set<String> stages = new java.util.TreeSet<>();
    for (int u = 0; u < shop.userCount(); u++) {
      assertThat(training.userSignals(u)).as("user %d", u).isEqualTo(models.userSignals(u));
      stages.add(String.valueOf(models.userSignals(u).stage()));
    }
    assertThat(stages).as("the fixture's users are in more than one stage").hasSizeGreaterThan(1);
    assertThat(models.ranker().stages()).isNotEmpty();
    Ranker rk = models.ranker();
    List<String> names = rk.featureNames();
    int w = names.size();
    List<String> userColumns = List.of("user_history_log", "user_days_since_last",
        "user_tenure_days", "user_active_days", "user_mean_item_pop", "user_stage",
        "user_churn_risk", "user_monetary_log");
    for (String user : List.of("u0", "u4", "u77", "u150")) {
      int u = shop.userIndex(user);
      RecommendRequest req = RecommendRequest.of(user, 10);
      RankRequest serving = pipeline.rankRequest(models, req);
      RankRequest train = pipeline.rankRequest(training, req);
      assertThat(serving.userSignals()).isEqualTo(models.userSignals(u));
      assertThat(train.userSignals()).isEqualTo(serving.userSignals());
      float[] xs = rk.featureRows(serving);
      float[] xt = rk.featureRows(train);
      for (String c : userColumns) {
        int col = names.indexOf(c);
        assertThat(Float.floatToIntBits(xt[col])).as("%s %s", user, c)
            .isEqualTo(Float.floatToIntBits(xs[col]));
      }
      Integer code = rk.model().stages().get(serving.userSignals().stage());
      assertThat(xs[names.indexOf("user_stage")]).isEqualTo(code == null ? Float.NaN : code);
      assertThat(xs[names.indexOf("user_churn_risk")])
          .isEqualTo(serving.userSignals().churnRisk());
      // Every candidate row carries the same user signals.
      int rows = xs.length / w;
      for (int k = 1; k < rows; k++) {
        assertThat(xs[k * w + names.indexOf("user_churn_risk")])
            .isEqualTo(xs[names.indexOf("user_churn_risk")]);
      }
    }
  }
}
