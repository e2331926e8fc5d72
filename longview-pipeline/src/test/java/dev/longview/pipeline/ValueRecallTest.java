package dev.longview.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The value-aware recall source on a shop where one category's items bring users back the next
 * day and another's keep them away for days, with a third, neutral category.
 */
class ValueRecallTest {
  static final long DAY = 86_400L;
  static InteractionSnapshot shop;
  static ModelSet on;
  static ModelSet off;

  @BeforeAll
  static void train() {
    SplittableRandom r = new SplittableRandom(7);
    SnapshotBuilder b = new SnapshotBuilder();
    // good: g0..g19 (category "good"), bait: b0..b19 ("bait"), mixed: m0..m19 ("mixed").
    for (String c : List.of("good", "bait", "mixed")) {
      for (int i = 0; i < 20; i++) {
        b.addItem(c.charAt(0) + "" + i, List.of(c), c + " " + i, null, false);
      }
    }
    // 40 users; each visit is either a "good" visit (a good item, sometimes a mixed one), after
    // which the user is back the next day, or a "bait" visit, after which the user stays away
    // for 5 days: within each user, good items precede returns and bait items do not.
    for (int u = 0; u < 40; u++) {
      b.addUser("u" + u, null, null);
    }
    b.addUser("fan", null, null);
    long t0 = 1_700_000_000L;
    for (int u = 0; u < 40; u++) {
      int d = r.nextInt(3);
      while (d < 50) {
        boolean good = r.nextBoolean();
        long t = t0 + d * DAY + u * 60;
        b.addInteraction(u, good ? r.nextInt(20) : 20 + r.nextInt(20), 1f, t);
        if (r.nextInt(3) == 0) {
          b.addInteraction(u, 40 + r.nextInt(20), 1f, t + 1);
        }
        d += good ? 1 : 5;
      }
    }
    // The fan took two good items and nothing else.
    b.addInteraction(40, 0, 1f, t0 + 49 * DAY + 10);
    b.addInteraction(40, 1, 1f, t0 + 49 * DAY + 20);
    shop = b.build();
    on = ModelSet.train(shop, PipelineConfig.defaults(), 42);
    off = ModelSet.train(shop, PipelineConfig.defaults().withRetention(false), 42);
  }

  private static List<Integer> recall(ModelSet m, RecommendRequest req,
      Map<String, Boolean> hidden, int size, List<Float> scores) {
    RequestContext ctx = new RequestContext(m, req, -1, hidden);
    List<Integer> out = new ArrayList<>();
    new ValueRecall(size).recall(ctx, 100, (item, score, anchor) -> {
      out.add(item);
      scores.add(score);
    });
    ctx.release();
    return out;
  }

  @Test
  void recallsTheHighestValueItems_inOrder() {
    double[] value = on.retention().items().value();
    List<Float> scores = new ArrayList<>();
    // A user unknown to the snapshot has no anchors: no category restriction.
    List<Integer> got = recall(on, RecommendRequest.of("stranger", 10), null, 8, scores);
    assertThat(got).hasSize(8).doesNotHaveDuplicates();
    for (int k = 0; k < got.size(); k++) {
      assertThat(scores.get(k)).isEqualTo((float) value[got.get(k)]);
      assertThat(value[got.get(k)]).isPositive();
      if (k > 0) {
        assertThat(value[got.get(k)]).isLessThanOrEqualTo(value[got.get(k - 1)]);
      }
    }
    // The highest-value item of all is first, and no recalled item is worth less than any left out.
    double lowest = value[got.get(got.size() - 1)];
    for (int i = 0; i < value.length; i++) {
      if (!got.contains(i)) {
        assertThat(value[i]).isLessThanOrEqualTo(lowest);
      }
    }
    // The estimator learnt the shop: the good items lead, no bait item is recalled.
    assertThat(got).allSatisfy(i -> assertThat(shop.itemId(i)).doesNotStartWith("b"));
    assertThat(shop.itemId(got.get(0))).startsWith("g");
  }

  @Test
  void respectsTheFilter_andTheUsersCategories() {
    List<Float> scores = new ArrayList<>();
    RecommendRequest req = new RecommendRequest("fan", 10, 0, null, Set.of("g2", "g3"), null,
        null, null, null, false);
    List<Integer> got = recall(on, req, Map.of("g4", true), 50, scores);
    List<String> ids = got.stream().map(shop::itemId).toList();
    assertThat(ids).isNotEmpty()
        // consumed (g0, g1), excluded by the request (g2, g3) and hidden (g4): never offered.
        .doesNotContain("g0", "g1", "g2", "g3", "g4")
        // The fan's anchors are all "good": only that category is offered.
        .allSatisfy(id -> assertThat(id).startsWith("g"));
    for (int i : got) {
      assertThat(new RequestContext(on, req, -1, Map.of("g4", true)).filter().excluded(i))
          .isFalse();
    }
  }

  @Test
  void personal_scoresByValueTimesTheUsersCategoryShare() {
    // A stranger whose recent items are two good ones and one mixed: shares 2/3 and 1/3.
    RecommendRequest req = new RecommendRequest("stranger", 10, 0, null, Set.of(),
        List.of(new RecommendRequest.RecentItem("g0", "click"),
            new RecommendRequest.RecentItem("g1", "click"),
            new RecommendRequest.RecentItem("m0", "click")), null, null, null, false);
    RequestContext ctx = new RequestContext(on, req, -1, null);
    List<Integer> got = new ArrayList<>();
    List<Float> scores = new ArrayList<>();
    new ValueRecall(10, true).recall(ctx, 100, (item, score, anchor) -> {
      got.add(item);
      scores.add(score);
    });
    ctx.release();
    double[] value = on.retention().items().value();
    assertThat(got).isNotEmpty().hasSizeLessThanOrEqualTo(10);
    for (int k = 0; k < got.size(); k++) {
      int i = got.get(k);
      String cat = shop.itemCategories(i).get(0);
      assertThat(cat).isIn("good", "mixed"); // never bait: the user has no bait anchor
      double share = cat.equals("good") ? 2.0 / 3 : 1.0 / 3;
      assertThat((double) scores.get(k)).isCloseTo(value[i] * share,
          org.assertj.core.data.Offset.offset(1e-6));
      assertThat(shop.itemId(i)).isNotIn("g0", "g1", "m0"); // the user's own items are filtered
      if (k > 0) {
        assertThat(scores.get(k)).isLessThanOrEqualTo(scores.get(k - 1));
      }
    }
    // The good items' values dominate: the first offer is a good item.
    assertThat(shop.itemCategories(got.get(0))).containsExactly("good");
  }

  @Test
  void absentWhenTheRetentionStageIsOff() {
    assertThat(recall(off, RecommendRequest.of("stranger", 10), null, 10, new ArrayList<>()))
        .isEmpty();
    PipelineConfig myopic = PipelineConfig.defaults().withRetention(false);
    var lab = RetentionStage.labDefaults();
    assertThat(Pipeline.standard(myopic.withRerank(lab).withValueRecall(ValueRecallSettings.of(1.0, 100))).sourceNames()).doesNotContain("value");
    assertThat(Pipeline.standard(PipelineConfig.defaults()).sourceNames())
        .doesNotContain("value");
    assertThat(Pipeline.standard(PipelineConfig.defaults().withRerank(lab).withValueRecall(ValueRecallSettings.NONE)).sourceNames())
        .doesNotContain("value");
    Pipeline withValue = Pipeline.standard(PipelineConfig.defaults().withRerank(lab)
        .withValueRecall(ValueRecallSettings.of(1.0, 100)));
    assertThat(withValue.sourceNames()).contains("value");
    // In the pipeline the source's items reach the ranking, found by "value".
    Recommendation rec = withValue.recommend(on, RecommendRequest.of("stranger", 30), null);
    assertThat(rec.items()).anySatisfy(it -> assertThat(it.sources()).contains("value"));
  }

  @Test
  void withACategoryPlan_offersTheAdmittedCategoriesInTurns_bestValueFirst() {
    dev.longview.retention.CategorySlate slate = new dev.longview.retention.CategorySlate(6, 2, 0);
    var signals = on.retention().items();
    boolean[] admitted = slate.admitted(signals);
    int good = shop.categoryNames().indexOf("good");
    int bait = shop.categoryNames().indexOf("bait");
    // category values are the means of their items' values: the estimator's ranking of the shop
    assertThat(signals.categoryValue(good)).isGreaterThan(signals.categoryValue(bait));
    assertThat(admitted[good]).isTrue();
    assertThat(admitted[bait]).isFalse();
    RecommendRequest req = new RecommendRequest("fan", 10, 0, null, Set.of(), null, null, null,
        null, false);
    RequestContext ctx = new RequestContext(on, req, -1, null);
    List<Integer> got = new ArrayList<>();
    new ValueRecall(12, false, slate).recall(ctx, 100, (item, score, anchor) -> {
      got.add(item);
      assertThat(score).isEqualTo((float) signals.value()[item]);
    });
    ctx.release();
    assertThat(got).hasSize(12).doesNotHaveDuplicates();
    Map<Integer, List<Integer>> byCategory = new java.util.HashMap<>();
    for (int i : got) {
      int c = signals.category()[i];
      assertThat(admitted[c]).isTrue();
      byCategory.computeIfAbsent(c, k -> new ArrayList<>()).add(i);
      assertThat(shop.itemId(i)).isNotIn("g0", "g1"); // the fan's consumed items stay filtered
    }
    int open = 0;
    for (boolean a : admitted) {
      open += a ? 1 : 0;
    }
    for (List<Integer> items : byCategory.values()) {
      assertThat(items).hasSize(12 / open); // in turns: each admitted category alike
      for (int k = 1; k < items.size(); k++) {
        assertThat(signals.value()[items.get(k)])
            .isLessThanOrEqualTo(signals.value()[items.get(k - 1)]);
      }
    }
  }
}
