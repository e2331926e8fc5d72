package dev.longview.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What each stage policy does to a candidate list, on hand-made candidates. */
class RetentionAwareRerankerTest {
  // Items 0..5. Categories: 0,0,0,1,1,2. Relevance falls with the index.
  private static final int[] CATEGORY = {0, 0, 0, 1, 1, 2};
  private static final int[] CANDIDATES = {0, 1, 2, 3, 4, 5};
  private static final float[] RELEVANCE = {1.0f, 0.95f, 0.9f, 0.85f, 0.8f, 0.75f};
  // Item 4 has by far the highest long-term value, item 0 a negative one.
  private static final double[] VALUE = {-0.2, 0, 0, 0, 0.3, 0};
  // Item 5 is the proven gateway for new users.
  private static final double[] GATEWAY = {0, 0, 0, 0, 0, 0.3};
  private static final ItemSignals SIGNALS = new ItemSignals(CATEGORY, VALUE, GATEWAY, 0.1);

  private static RerankConfig only(StagePolicy stage, StageSettings s) {
    Map<StagePolicy, StageSettings> m = new EnumMap<>(StagePolicy.class);
    for (StagePolicy p : StagePolicy.values()) {
      m.put(p, new StageSettings(0, false, 0, 0, 0));
    }
    m.put(stage, s);
    return new RerankConfig(m, 0, 50, 0.05);
  }

  private static int[] rerank(RerankConfig c, StagePolicy stage, BitSet consumed, long seed, int k) {
    return new RetentionAwareReranker(c).rerank(CANDIDATES, RELEVANCE, 6, k, SIGNALS,
        new RetentionAwareReranker.Request(stage, Double.NaN, consumed, new SplittableRandom(seed)))
        .items();
  }

  @ParameterizedTest
  @EnumSource(StagePolicy.class)
  void withEveryWeightZero_theRelevanceOrderIsKept(StagePolicy stage) {
    RerankConfig c = only(stage, new StageSettings(0, false, 0, 0, 0));
    assertThat(rerank(c, stage, new BitSet(), 1, 6)).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void atRisk_putsTheHighestReturnEffectFirst_andDropsTheHarmfulItem() {
    RerankConfig c = RerankConfig.defaults();
    RetentionAwareReranker.Result r = new RetentionAwareReranker(c).rerank(CANDIDATES, RELEVANCE,
        6, 3, SIGNALS, new RetentionAwareReranker.Request(StagePolicy.AT_RISK, 0.5, new BitSet(), null));
    assertThat(r.items()[0]).isEqualTo(4);
    assertThat(r.items()).doesNotContain(0);
    assertThat(r.stage()).isEqualTo(StagePolicy.AT_RISK);
    assertThat(r.valueWeight()).isEqualTo(1.5); // lambda 1 raised by churn risk 0.5
  }

  @Test
  void atRisk_withPersonalEffects_ranksByTheReturnEffectForThatUser() {
    RerankConfig c = only(StagePolicy.AT_RISK, new StageSettings(1.0, false, 0, 0, 0));
    // one user comes back after category 2 (+0.4) but not after 1 (-0.4), another after
    // category 0 (+0.5) but not after 1 (-0.3): the same candidates, different orders
    PersonalEffects likesTwo = new PersonalEffects(new int[] {1, 2}, new double[] {-0.4, 0.4},
        new int[] {5, 9});
    PersonalEffects likesZero = new PersonalEffects(new int[] {0, 1}, new double[] {0.5, -0.3},
        new int[] {12, 4});
    int[] a = new RetentionAwareReranker(c).rerank(CANDIDATES, RELEVANCE, 6, 6, SIGNALS,
        new RetentionAwareReranker.Request(StagePolicy.AT_RISK, 0, new BitSet(), null, null,
            likesTwo)).items();
    int[] b = new RetentionAwareReranker(c).rerank(CANDIDATES, RELEVANCE, 6, 6, SIGNALS,
        new RetentionAwareReranker.Request(StagePolicy.AT_RISK, 0, new BitSet(), null, null,
            likesZero)).items();
    int[] everyone = rerank(c, StagePolicy.AT_RISK, new BitSet(), 1, 6);
    // scores: min-max relevance (1, 0.8, 0.6, 0.4, 0.2, 0) + clip((value + deviation) / 0.05)
    assertThat(everyone).startsWith(4); // everyone's values: item 4 (+0.3): 0.2 + 1
    assertThat(a).containsExactly(5, 1, 2, 0, 3, 4); // 0 + 1 first; item 4: 0.2 - 1 last
    assertThat(b).containsExactly(0, 1, 2, 4, 5, 3); // item 0: 1 + clip(0.3 / 0.05); 3: 0.4 - 1
    assertThat(PersonalEffects.NONE.deviation(3)).isZero();
    assertThat(likesZero.deviation(1)).isEqualTo(-0.3);
  }

  @Test
  void newUsers_getTheGatewayItem() {
    RerankConfig c = only(StagePolicy.NEW, new StageSettings(1.0, true, 0, 0, 0));
    assertThat(rerank(c, StagePolicy.NEW, new BitSet(), 1, 2)).contains(5);
    // the same weight on overall value (not gateway) prefers item 4 instead
    RerankConfig overall = only(StagePolicy.NEW, new StageSettings(1.0, false, 0, 0, 0));
    assertThat(rerank(overall, StagePolicy.NEW, new BitSet(), 1, 2)).contains(4).doesNotContain(5);
  }

  @Test
  void diversity_spreadsTheSlateOverCategories() {
    RerankConfig c = only(StagePolicy.ACTIVE, new StageSettings(0, false, 1.0, 0, 0));
    int[] slate = rerank(c, StagePolicy.ACTIVE, new BitSet(), 1, 3);
    assertThat(slate).containsExactly(0, 3, 5); // one per category, most relevant of each
  }

  @Test
  void diversityWindow_keepsLaterPagesDiverse() {
    RerankConfig all = only(StagePolicy.ACTIVE, new StageSettings(0, false, 1.0, 0, 0));
    // Looking back over the whole list: once every category is placed, the rest is relevance order.
    assertThat(rerank(all, StagePolicy.ACTIVE, new BitSet(), 1, 6)).containsExactly(0, 3, 5, 1, 2, 4);
    // Looking back two positions: category 0 may come back once it has left the window, and item
    // 4 (category 1) goes before item 2 because category 0 is in the window again.
    RerankConfig two = all.withDiversityWindow(2);
    assertThat(rerank(two, StagePolicy.ACTIVE, new BitSet(), 1, 6)).containsExactly(0, 3, 5, 1, 4, 2);
    // A window as long as the list is the same as no window.
    assertThat(rerank(all.withDiversityWindow(6), StagePolicy.ACTIVE, new BitSet(), 1, 6))
        .containsExactly(0, 3, 5, 1, 2, 4);
  }

  @Test
  void diversityWindow_mustNotBeNegative() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> RerankConfig.defaults().withDiversityWindow(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("diversityWindow -1");
  }

  @Test
  void loyalUsers_getCategoriesTheyHaveNotConsumed() {
    RerankConfig c = only(StagePolicy.LOYAL, new StageSettings(0, false, 0, 1.5, 0));
    BitSet consumed = new BitSet();
    consumed.set(0);
    consumed.set(1);
    assertThat(rerank(c, StagePolicy.LOYAL, consumed, 1, 1)).containsExactly(5);
  }

  @Test
  void exploration_isSeeded_andOnlyWhereConfigured() {
    RerankConfig c = only(StagePolicy.NEW, new StageSettings(0, false, 0, 0, 0.9));
    int[] a = rerank(c, StagePolicy.NEW, new BitSet(), 7, 6);
    assertThat(rerank(c, StagePolicy.NEW, new BitSet(), 7, 6)).containsExactly(a);
    assertThat(a).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    boolean anyMoved = false;
    for (long seed = 1; seed <= 10 && !anyMoved; seed++) {
      anyMoved = !java.util.Arrays.equals(rerank(c, StagePolicy.NEW, new BitSet(), seed, 6),
          CANDIDATES);
    }
    assertThat(anyMoved).isTrue();
    // the loyal stage does not explore in this config
    assertThat(rerank(c, StagePolicy.LOYAL, new BitSet(), 7, 6)).containsExactly(CANDIDATES);
  }

  @Test
  void nothingLearnt_meansValueCountsZero() {
    ItemSignals none = ItemSignals.categoriesOnly(CATEGORY);
    RerankConfig c = only(StagePolicy.AT_RISK, new StageSettings(5, false, 0, 0, 0));
    int[] slate = new RetentionAwareReranker(c).rerank(CANDIDATES, RELEVANCE, 6, 6, none,
        new RetentionAwareReranker.Request(StagePolicy.AT_RISK, 1, new BitSet(), null)).items();
    assertThat(slate).containsExactly(CANDIDATES);
  }

  @Test
  void stagePolicy_followsTheLifecycleState() {
    assertThat(StagePolicy.of(null)).isEqualTo(StagePolicy.NEW);
    assertThat(StagePolicy.of(dev.longview.lifecycle.UserState.AT_RISK)).isEqualTo(StagePolicy.AT_RISK);
    assertThat(StagePolicy.of(dev.longview.lifecycle.UserState.DORMANT)).isEqualTo(StagePolicy.AT_RISK);
    assertThat(StagePolicy.of(dev.longview.lifecycle.UserState.LOYAL)).isEqualTo(StagePolicy.LOYAL);
    assertThat(StagePolicy.of(dev.longview.lifecycle.UserState.ACTIVATED)).isEqualTo(StagePolicy.ACTIVATING);
  }
}
