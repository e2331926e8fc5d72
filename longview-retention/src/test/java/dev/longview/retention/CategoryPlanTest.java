package dev.longview.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The re-ranker's category plan ({@link CategorySlate}) on hand-made candidates. */
class CategoryPlanTest {
  // Four categories, three items each: items 3k, 3k+1, 3k+2 are in category k; relevance falls
  // with the index. Category values: 0 and 1 good, 2 average, 3 bad (mean 0, sd 0.0141).
  private static final int ITEMS = 12;
  private static final double[] CATEGORY_VALUE = {0.01, 0.01, 0.0, -0.02};

  private static ItemSignals signals(double[] categoryValue) {
    int[] category = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      category[i] = i / 3;
    }
    return new ItemSignals(category, new double[ITEMS], new double[ITEMS], 0, categoryValue);
  }

  private static int[] rerank(CategorySlate slate, ItemSignals signals, float[] pref, int k) {
    int[] candidates = new int[ITEMS];
    float[] relevance = new float[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      candidates[i] = i;
      relevance[i] = 1f - i / 100f;
    }
    Map<StagePolicy, StageSettings> m = new EnumMap<>(StagePolicy.class);
    for (StagePolicy p : StagePolicy.values()) {
      m.put(p, new StageSettings(0, false, 0, 0, 0));
    }
    RerankConfig c = new RerankConfig(m, 0, 50, 0.05).withCategorySlate(slate);
    return new RetentionAwareReranker(c).rerank(candidates, relevance, ITEMS, k, signals,
        new RetentionAwareReranker.Request(StagePolicy.ACTIVE, Double.NaN, new BitSet(), null, pref))
        .items();
  }

  private static int category(int item) {
    return item / 3;
  }

  @Test
  void admits_categoriesAtLeastMinZStandardDeviationsAboveTheMean() {
    ItemSignals s = signals(CATEGORY_VALUE);
    assertThat(new CategorySlate(6, 0, 0).admitted(s)).containsExactly(true, true, true, false);
    assertThat(new CategorySlate(6, 0, 0.5).admitted(s)).containsExactly(true, true, false, false);
    assertThat(new CategorySlate(6, 0, -2).admitted(s)).containsExactly(true, true, true, true);
  }

  @Test
  void withNothingLearnt_everyCategoryIsAdmitted() {
    assertThat(new CategorySlate(6, 0, 1).admitted(signals(new double[4])))
        .containsExactly(true, true, true, true);
    // no category values at all: the plan still places every category
    int[] out = rerank(new CategorySlate(4, 0, 1), signals(new double[0]), null, 4);
    assertThat(java.util.Arrays.stream(out).map(CategoryPlanTest::category).sorted().toArray())
        .containsExactly(0, 1, 2, 3);
  }

  @Test
  void eachPage_showsTheUsersAdmittedCategories_mostUsedFirst_thenFillsFromThem() {
    // The user mostly uses category 1, then 3 (not admitted at minZ 0), then 0.
    float[] pref = {0.2f, 0.5f, 0f, 0.3f};
    int[] out = rerank(new CategorySlate(3, 0, 0), signals(CATEGORY_VALUE), pref, 9);
    // page 1: one of 1, one of 0, then more of 1; page 2: the last of 1 and 0 ...
    assertThat(out).startsWith(3, 0, 4, 5, 1, 2);
    // ... and only after every admitted item of the user's categories, the rest
    assertThat(java.util.Arrays.stream(out, 0, 6).map(CategoryPlanTest::category))
        .containsOnly(0, 1);
  }

  @Test
  void explores_admittedCategoriesTheUserHasNotUsed_andNeverServesABadOneBeforeThem() {
    float[] pref = {0f, 1f, 0f, 0f};
    int[] out = rerank(new CategorySlate(2, 1, 0), signals(CATEGORY_VALUE), pref, ITEMS);
    // page 1: the user's category 1, then one explored (admitted: 0 and 2, by value: 0 first)
    assertThat(category(out[0])).isEqualTo(1);
    assertThat(category(out[1])).isIn(0, 2);
    // category 3 (below the mean) comes after all nine admitted items
    for (int p = 0; p < 9; p++) {
      assertThat(category(out[p])).isNotEqualTo(3);
    }
    assertThat(java.util.Arrays.stream(out, 9, 12).map(CategoryPlanTest::category))
        .containsOnly(3);
  }

  @Test
  void aNewUser_getsOneItemOfEachAdmittedCategoryPerPage_bestValueFirst() {
    int[] out = rerank(new CategorySlate(3, 2, 0), signals(CATEGORY_VALUE), null, 6);
    assertThat(java.util.Arrays.stream(out, 0, 3).map(CategoryPlanTest::category).sorted()
        .toArray()).containsExactly(0, 1, 2);
    assertThat(java.util.Arrays.stream(out, 3, 6).map(CategoryPlanTest::category).sorted()
        .toArray()).containsExactly(0, 1, 2);
    assertThat(out[0]).isZero(); // within category 0 the most relevant item first
  }

  @Test
  void withinACategory_theBestScoreComesFirst() {
    double[] value = new double[ITEMS];
    value[5] = 0.05; // the least relevant item of category 1 has a large long-term value
    int[] category = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      category[i] = i / 3;
    }
    ItemSignals s = new ItemSignals(category, value, new double[ITEMS], 0.02, CATEGORY_VALUE);
    Map<StagePolicy, StageSettings> m = new EnumMap<>(StagePolicy.class);
    for (StagePolicy p : StagePolicy.values()) {
      m.put(p, new StageSettings(1, false, 0, 0, 0));
    }
    RerankConfig c = new RerankConfig(m, 0, 50, 0.05).withCategorySlate(new CategorySlate(3, 0, 0));
    int[] candidates = new int[ITEMS];
    float[] relevance = new float[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      candidates[i] = i;
      relevance[i] = 1f - i / 100f;
    }
    int[] out = new RetentionAwareReranker(c).rerank(candidates, relevance, ITEMS, 3, s,
        new RetentionAwareReranker.Request(StagePolicy.ACTIVE, Double.NaN, new BitSet(), null,
            new float[] {0, 1, 0, 0})).items();
    assertThat(out[0]).isEqualTo(5);
  }

  @RepeatedTest(20)
  void everyCandidateIsPlacedExactlyOnce(RepetitionInfo info) {
    SplittableRandom r = new SplittableRandom(info.getCurrentRepetition());
    int n = 1 + r.nextInt(40);
    int cats = 1 + r.nextInt(6);
    int[] category = new int[n];
    int[] candidates = new int[n];
    float[] relevance = new float[n];
    for (int i = 0; i < n; i++) {
      category[i] = r.nextInt(cats + 1) - 1; // some items without a category
      candidates[i] = n - 1 - i;
      relevance[i] = (float) r.nextDouble();
    }
    double[] cv = new double[cats];
    float[] pref = new float[cats];
    for (int k = 0; k < cats; k++) {
      cv[k] = r.nextGaussian() * 0.01;
      pref[k] = r.nextBoolean() ? (float) r.nextDouble() : 0;
    }
    ItemSignals s = new ItemSignals(category, new double[n], new double[n], 0, cv);
    Map<StagePolicy, StageSettings> m = new EnumMap<>(StagePolicy.class);
    for (StagePolicy p : StagePolicy.values()) {
      m.put(p, new StageSettings(0, false, 0, 0, 0));
    }
    RerankConfig c = new RerankConfig(m, 0, 50, 0.05).withCategorySlate(
        new CategorySlate(1 + r.nextInt(6), r.nextInt(3), r.nextGaussian()));
    int k = 1 + r.nextInt(n);
    int[] out = new RetentionAwareReranker(c).rerank(candidates, relevance, n, k, s,
        new RetentionAwareReranker.Request(StagePolicy.NEW, Double.NaN, new BitSet(),
            new SplittableRandom(7), r.nextBoolean() ? pref : null)).items();
    assertThat(out).hasSize(k).doesNotHaveDuplicates();
    assertThat(candidates).contains(out);
  }

  @Test
  void rejectsSettingsThatCannotWork() {
    assertThatThrownBy(() -> new CategorySlate(0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageSize 0");
    assertThatThrownBy(() -> new CategorySlate(6, -1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("explore -1");
    assertThatThrownBy(() -> new CategorySlate(6, 1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minZ NaN");
  }
}
