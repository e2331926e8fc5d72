package dev.longview.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evaluator on a 2-user, 5-item split whose every number is worked out by hand. The model
 * ranks items 0, 1, 2, 3, 4 for everyone (score 10 - item).
 *
 * <pre>
 * user 0: train {0}, valid {1}, test {2, 4}  -> test list excludes 0 and 1: [2, 3, 4]
 * user 1: train {2, 3}, valid {},  test {0}  -> test list: [0, 1, 4]
 * </pre>
 */
class EvaluatorTest {
  private static final double EPS = 1e-12;

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static Split split() {
    InteractionSnapshot train = Fixtures.snapshot(2, 5, 2,
        new int[] {0, 0, 1, 10}, new int[] {1, 2, 1, 10}, new int[] {1, 3, 1, 11});
    HeldOut valid = Fixtures.heldOut(5, u -> u == 0 ? new int[] {1} : new int[0], 2);
    HeldOut test = Fixtures.heldOut(5, u -> u == 0 ? new int[] {2, 4} : new int[] {0}, 2);
    return new Split(train, valid, test, 0);
  }

  private static final Model RANK_BY_INDEX = Fixtures.model(2, 5, (u, i) -> 10 - i);

  @Test
  void test_excludesTrainAndValidItems_andMatchesHandComputedMetrics() {
    Report r = new Evaluator(List.of(2, 10), 1).evaluate(RANK_BY_INDEX, split(), Evaluator.Target.TEST);
    assertThat(r.users()).isEqualTo(2);
    assertThat(r.recommended(0)).containsExactly(2, 3, 4);
    assertThat(r.recommended(1)).containsExactly(0, 1, 4);
    // @2: user 0 hit at rank 1 of 2 relevant; user 1 hit at rank 1 of 1 relevant.
    assertThat(r.mean("recall@2")).isCloseTo((0.5 + 1) / 2, within(EPS));
    assertThat(r.mean("precision@2")).isCloseTo((0.5 + 0.5) / 2, within(EPS));
    assertThat(r.mean("f1@2")).isCloseTo((0.5 + 2 * 0.5 * 1 / 1.5) / 2, within(EPS));
    assertThat(r.mean("ndcg@2")).isCloseTo((1 / (1 + 1 / log2(3)) + 1) / 2, within(EPS));
    assertThat(r.mean("hit@2")).isCloseTo(1, within(EPS));
    assertThat(r.mean("mrr@2")).isCloseTo(1, within(EPS));
    assertThat(r.mean("map@2")).isCloseTo((0.5 + 1) / 2, within(EPS));
    // @10: user 0 hits at ranks 1 and 3 (list of 3); user 1 at rank 1.
    assertThat(r.mean("recall@10")).isCloseTo(1, within(EPS));
    assertThat(r.mean("precision@10")).isCloseTo((0.2 + 0.1) / 2, within(EPS));
    assertThat(r.mean("ndcg@10")).isCloseTo(((1 + 1 / log2(4)) / (1 + 1 / log2(3)) + 1) / 2, within(EPS));
    assertThat(r.mean("map@10")).isCloseTo(((1 + 2.0 / 3) / 2 + 1) / 2, within(EPS));
    // Recall@2 per user 0.5 and 1: sd = sqrt(0.125) -> 1.96 * sd / sqrt(2).
    assertThat(r.ci95().get("recall@2")).isCloseTo(1.96 * Math.sqrt(0.125) / Math.sqrt(2), within(EPS));
  }

  @Test
  void beyondAccuracy_matchesHandComputedValues() {
    Report r = new Evaluator(List.of(2), 1).evaluate(RANK_BY_INDEX, split(), Evaluator.Target.TEST);
    // Lists @2: [2, 3] and [0, 1]: 4 of 5 items shown once, item 4 never.
    assertThat(r.mean("coverage@2")).isCloseTo(0.8, within(EPS));
    // Exposure sorted 0, 1, 1, 1, 1: sum (2i - 6) x_i = -2 + 0 + 2 + 4 = 4; / (5 * 4).
    assertThat(r.mean("gini@2")).isCloseTo(0.2, within(EPS));
    // Training counts 1, 0, 1, 1, 0 of 3: every shown item has share 1/3 (item 1 counts as one).
    assertThat(r.mean("novelty@2")).isCloseTo(log2(3), within(EPS));
    // Genres g0 for even items, g1 for odd: [2, 3] and [0, 1] are both fully diverse.
    assertThat(r.mean("ild@2")).isCloseTo(1, within(EPS));
    assertThat(r.ci95()).doesNotContainKey("coverage@2").doesNotContainKey("gini@2");
  }

  @Test
  void valid_excludesOnlyTrainItems_andSkipsUsersWithoutValidItems() {
    Report r = new Evaluator(List.of(10), 1).evaluate(RANK_BY_INDEX, split(), Evaluator.Target.VALID);
    assertThat(r.users()).isEqualTo(1);
    assertThat(r.evaluatedUsers()).containsExactly(0);
    assertThat(r.recommended(0)).containsExactly(1, 2, 3, 4);
    assertThat(r.mean("ndcg@10")).isCloseTo(1, within(EPS));
    assertThat(r.mean("precision@10")).isCloseTo(0.1, within(EPS));
  }

  @Test
  void itemsWithoutCategories_reportNoIld() {
    Split s = split();
    InteractionSnapshot noGenres = Fixtures.snapshot(2, 5, 0,
        new int[] {0, 0, 1, 10}, new int[] {1, 2, 1, 10}, new int[] {1, 3, 1, 11});
    Report r = new Evaluator(List.of(10), 1).evaluate(RANK_BY_INDEX,
        new Split(noGenres, s.valid(), s.test(), 0), Evaluator.Target.TEST);
    assertThat(r.means()).doesNotContainKey("ild@10").containsKey("novelty@10");
  }

  @Test
  void modelOfAnotherIndexSpace_isRefusedWithTheFix() {
    assertThatThrownBy(() -> new Evaluator(List.of(10), 1)
        .evaluate(Fixtures.model(2, 6, (u, i) -> 0), split(), Evaluator.Target.TEST))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("train the model on split.train()");
  }

  @Test
  void badCutoffsOrThreads_areRefused() {
    assertThatThrownBy(() -> new Evaluator(List.of(0), 1)).hasMessageContaining("k >= 1");
    assertThatThrownBy(() -> new Evaluator(List.of(10), 0)).hasMessageContaining("threads was 0");
  }
}
