package dev.longview.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The retention stage inside the pipeline, on a small shop with a timeline: regulars active every
 * day for 40 days, a lapsed user active on days 0..20 and gone since (dormant at the end), and a
 * newcomer whose first interactions are on the last day.
 */
class RetentionStageTest {
  static final long DAY = 86_400L;
  static InteractionSnapshot shop;
  static ModelSet on;
  static ModelSet off;

  @BeforeAll
  static void train() {
    SplittableRandom r = new SplittableRandom(11);
    SnapshotBuilder b = new SnapshotBuilder();
    int items = 60;
    for (int i = 0; i < items; i++) {
      b.addItem("i" + i, List.of("c" + (i / 15)), "Item " + i, null, false);
    }
    List<String> users = new ArrayList<>();
    for (int u = 0; u < 40; u++) {
      users.add("r" + u);
    }
    users.add("lapsed");
    users.add("newcomer");
    for (String u : users) {
      b.addUser(u, null, null);
    }
    long t0 = 1_700_000_000L;
    for (int u = 0; u < 40; u++) {
      for (int d = 0; d < 40; d += 1 + (u % 3)) {
        b.addInteraction(u, r.nextInt(items), 1f, t0 + d * DAY + u * 60);
      }
    }
    for (int d = 0; d <= 20; d++) {
      b.addInteraction(40, (d * 7) % items, 1f, t0 + d * DAY + 100);
    }
    b.addInteraction(41, 3, 1f, t0 + 39 * DAY + 200);
    b.addInteraction(41, 17, 1f, t0 + 39 * DAY + 300);
    shop = b.build();
    on = ModelSet.train(shop, PipelineConfig.defaults(), 42);
    off = ModelSet.train(shop, PipelineConfig.defaults().withRetention(false), 42);
  }

  private static List<String> ids(Recommendation r) {
    return r.items().stream().map(Recommendation.Item::itemId).toList();
  }

  @Test
  void lapsedUser_getsTheAtRiskPolicy_andTheResponseSaysSo() {
    Recommendation r = Pipeline.standard(PipelineConfig.defaults())
        .recommend(on, RecommendRequest.of("lapsed", 10), null);
    assertThat(r.stage()).isEqualTo("at_risk");
    assertThat(r.items()).hasSize(10);
    // Back in real time: the same user is treated as resurrected (activating).
    RecommendRequest back = new RecommendRequest("lapsed", 10, 0, null, null,
        List.of(new RecommendRequest.RecentItem("i5", "click")), null, null, null, false);
    assertThat(Pipeline.standard(PipelineConfig.defaults()).recommend(on, back, null).stage())
        .isEqualTo("activating");
  }

  @Test
  void activatedUsers_areActivatingForTwoWeeks_thenActive() {
    long asOf = 1_700_000_000L;
    long day = 86_400L;
    assertThat(RetentionSignals.policy(dev.longview.lifecycle.UserState.ACTIVATED,
        asOf - 3 * day, asOf)).isEqualTo(dev.longview.retention.StagePolicy.ACTIVATING);
    assertThat(RetentionSignals.policy(dev.longview.lifecycle.UserState.ACTIVATED,
        asOf - 14 * day, asOf)).isEqualTo(dev.longview.retention.StagePolicy.ACTIVATING);
    assertThat(RetentionSignals.policy(dev.longview.lifecycle.UserState.ACTIVATED,
        asOf - 15 * day, asOf)).isEqualTo(dev.longview.retention.StagePolicy.ACTIVE);
    // Other states keep their policy whatever their age.
    assertThat(RetentionSignals.policy(dev.longview.lifecycle.UserState.RESURRECTED,
        asOf - 60 * day, asOf)).isEqualTo(dev.longview.retention.StagePolicy.ACTIVATING);
    assertThat(RetentionSignals.policy(dev.longview.lifecycle.UserState.DORMANT,
        asOf - 60 * day, asOf)).isEqualTo(dev.longview.retention.StagePolicy.AT_RISK);
    assertThat(RetentionSignals.policy(null, asOf, asOf))
        .isEqualTo(dev.longview.retention.StagePolicy.NEW);
  }

  @Test
  void newUsers_getTheNewUserPolicy() {
    Pipeline p = Pipeline.standard(PipelineConfig.defaults());
    assertThat(p.recommend(on, RecommendRequest.of("newcomer", 5), null).stage()).isEqualTo("new");
    assertThat(p.recommend(on, RecommendRequest.of("stranger", 5), null).stage()).isEqualTo("new");
    assertThat(p.recommend(on, RecommendRequest.of("r0", 5), null).stage())
        .isIn("active", "loyal");
  }

  @Test
  void switchOff_isTheMyopicPipeline() {
    assertThat(on.retention()).isNotNull();
    assertThat(on.retention().sessions()).isPositive();
    assertThat(off.retention()).isNull();
    Recommendation myopic = Pipeline.standard(PipelineConfig.defaults().withRetention(false))
        .recommend(off, RecommendRequest.of("lapsed", 10), null);
    // Off: no stage policy applied; the simple activity stage stays in the response.
    assertThat(myopic.stage()).isEqualTo("active"); // UserStage: dormant only after 30 days
    // A retention pipeline over a model set trained without signals falls back to MMR only.
    Recommendation fallback = Pipeline.standard(PipelineConfig.defaults())
        .recommend(off, RecommendRequest.of("lapsed", 10), null);
    assertThat(ids(fallback)).isEqualTo(ids(myopic));
  }

  @Test
  void labSettings_reRankTheWholeRanking_withFourTimesTheValueWeight() {
    var lab = RetentionStage.labDefaults();
    var defaults = dev.longview.retention.RerankConfig.defaults();
    assertThat(lab.candidates()).isEqualTo(RetentionStage.LAB_CANDIDATES);
    for (var stage : dev.longview.retention.StagePolicy.values()) {
      assertThat(lab.settings(stage).valueWeight())
          .isEqualTo(defaults.settings(stage).valueWeight() * RetentionStage.LAB_VALUE_SCALE);
      assertThat(lab.settings(stage).diversityWeight())
          .isEqualTo(defaults.settings(stage).diversityWeight());
    }
    // With the default pool of 50 the top 50 of a 60-item request are the blend's top 50 in
    // another order; the lab's pool (the whole ranking of 110) brings in items from below. A
    // larger shop than the class's: 300 items in 10 categories, 60 users over 40 days.
    SplittableRandom r = new SplittableRandom(5);
    SnapshotBuilder b = new SnapshotBuilder();
    for (int i = 0; i < 300; i++) {
      b.addItem("i" + i, List.of("c" + (i % 10)), "Item " + i, null, false);
    }
    for (int u = 0; u < 60; u++) {
      b.addUser("u" + u, null, null);
    }
    long t0 = 1_700_000_000L;
    for (int u = 0; u < 60; u++) {
      for (int d = 0; d < 40; d += 1 + r.nextInt(4)) {
        for (int k = 0; k < 3; k++) {
          b.addInteraction(u, r.nextInt(300), 1f, t0 + d * DAY + u * 60 + k);
        }
      }
    }
    ModelSet big = ModelSet.train(b.build(), PipelineConfig.defaults(), 42);
    int moved = 0;
    for (int u = 0; u < 10; u++) {
      List<String> pool50 = ids(Pipeline.standard(PipelineConfig.defaults().withRerank(defaults))
          .recommend(big, RecommendRequest.of("u" + u, 60), null));
      List<String> whole = ids(Pipeline.standard(PipelineConfig.defaults().withRerank(lab))
          .recommend(big, RecommendRequest.of("u" + u, 60), null));
      assertThat(whole).hasSize(60).doesNotHaveDuplicates();
      assertThat(pool50).hasSize(60);
      List<String> top50 = pool50.subList(0, 50);
      moved += (int) whole.subList(0, 50).stream().filter(id -> !top50.contains(id)).count();
    }
    assertThat(moved).isPositive();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void deterministic_andPagesNeverRepeat(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] who = {"lapsed", "newcomer", "stranger", "r" + r.nextInt(40)};
    String user = who[r.nextInt(who.length)];
    int n = 1 + r.nextInt(6);
    Pipeline p = Pipeline.standard(PipelineConfig.defaults());
    List<String> whole = ids(p.recommend(on, RecommendRequest.of(user, 5 * n), null));
    assertThat(ids(p.recommend(on, RecommendRequest.of(user, 5 * n), null))).isEqualTo(whole);
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 5 * n; offset += n) {
      paged.addAll(ids(p.recommend(on, RecommendRequest.of(user, n).withOffset(offset), null)));
    }
    assertThat(paged).doesNotHaveDuplicates().isEqualTo(whole);
  }

  @Test
  void categoryPlan_servesTheUsersOwnCategoriesFirst_plusOneExploredPerPage() {
    // The newcomer's items: i3 (c0) and i17 (c1). Every category admitted (minZ -10).
    var slate = new dev.longview.retention.CategorySlate(4, 1, -10);
    Pipeline p = Pipeline.standard(PipelineConfig.defaults()
        .withRerank(dev.longview.retention.RerankConfig.defaults().withCategorySlate(slate)));
    List<String> got = ids(p.recommend(on, RecommendRequest.of("newcomer", 8), null));
    assertThat(got).hasSize(8).doesNotHaveDuplicates().doesNotContain("i3", "i17");
    for (int page = 0; page < 2; page++) {
      List<String> cats = got.subList(4 * page, 4 * page + 4).stream()
          .map(id -> "c" + (Integer.parseInt(id.substring(1)) / 15)).toList();
      // one of each of the user's categories, one explored, the last slot from the user's again
      assertThat(cats.subList(0, 2)).containsExactlyInAnyOrder("c0", "c1");
      assertThat(cats.get(2)).isIn("c2", "c3");
      assertThat(cats.get(3)).isIn("c0", "c1");
    }
  }

  @Test
  void theConfigsRerankSettings_areWhatTheStandardPipelineUses() {
    assertThat(PipelineConfig.defaults().rerank()).isEqualTo(RetentionStage.servingDefaults());
    var plan = dev.longview.retention.RerankConfig.defaults()
        .withCategorySlate(new dev.longview.retention.CategorySlate(4, 1, -10));
    PipelineConfig config = PipelineConfig.defaults().withRerank(plan);
    List<String> withPlan = ids(Pipeline.standard(config)
        .recommend(on, RecommendRequest.of("newcomer", 12), null));
    assertThat(withPlan).isEqualTo(ids(Pipeline.standard(config.withValueRecall(ValueRecallSettings.NONE))
        .recommend(on, RecommendRequest.of("newcomer", 12), null)));
    // the plan changed the order the serving defaults give
    assertThat(withPlan).isNotEqualTo(ids(Pipeline.standard(PipelineConfig.defaults())
        .recommend(on, RecommendRequest.of("newcomer", 12), null)));
  }

  @Test
  void labSettingsNotation_isThePolicyLabsEngine() {
    PipelineConfig lab = RetentionStage.variant(PipelineConfig.defaults(),
        RetentionStage.LAB_SETTINGS);
    assertThat(lab.retention()).isTrue();
    assertThat(lab.rerank()).isEqualTo(RetentionStage.labDefaults());
    assertThat(lab.valueEstimator()).isEqualTo(RetentionStage.labEstimator());
    assertThat(lab.valueRecall()).isEqualTo(ValueRecallSettings.of(
        RetentionStage.LAB_VALUE_RECALL_WEIGHT, RetentionStage.LAB_VALUE_RECALL_SIZE));
    PipelineConfig plain = RetentionStage.variant(PipelineConfig.defaults(), "");
    assertThat(plain.rerank()).isEqualTo(dev.longview.retention.RerankConfig.defaults());
    assertThat(plain.valueRecall()).isEqualTo(ValueRecallSettings.NONE);
    assertThat(RetentionStage.variant(PipelineConfig.defaults(), "scale=0.25,div=2").rerank()
        .settings(dev.longview.retention.StagePolicy.LOYAL).diversityWeight())
        .isEqualTo(2 * dev.longview.retention.RerankConfig.defaults()
            .settings(dev.longview.retention.StagePolicy.LOYAL).diversityWeight());
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> RetentionStage.variant(PipelineConfig.defaults(), "pool=3"))
        .hasMessageContaining("unknown setting \"pool\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> RetentionStage.variant(PipelineConfig.defaults(), "scale=big"))
        .hasMessageContaining("\"scale=big\"");
  }
}
