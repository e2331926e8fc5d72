package dev.longview.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** Every accuracy metric against values computed by hand. */
class RankingMetricsTest {
  private static final double EPS = 1e-12;
  /** Ranked list: items 7, 3, 5, 9, 1 (best first). */
  private static final int[] LIST = {7, 3, 5, 9, 1};

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static BitSet set(int... items) {
    BitSet b = new BitSet();
    for (int i : items) {
      b.set(i);
    }
    return b;
  }

  // Relevant {7, 5}: hits at ranks 1 and 3.

  @Test
  void ndcg_withTwoHits_matchesHandComputedValue() {
    assertThat(RankingMetrics.ndcg(LIST, 5, set(7, 5), 2, 10))
        .isCloseTo((1 + 1 / log2(4)) / (1 + 1 / log2(3)), within(EPS));
  }

  @Test
  void ndcg_atCutoffBelowSecondHit_countsOnlyTheFirst() {
    // k = 2: DCG = 1, IDCG over min(2, 2) ranks = 1 + 1/log2(3).
    assertThat(RankingMetrics.ndcg(LIST, 5, set(7, 5), 2, 2)).isCloseTo(1 / (1 + 1 / log2(3)), within(EPS));
  }

  @Test
  void ndcg_idcgUsesMinOfRelevantAndK() {
    // Relevant {5, 40, 41, 42}, k = 3: one hit at rank 3; IDCG over 3 ranks, not 4.
    assertThat(RankingMetrics.ndcg(LIST, 5, set(5, 40, 41, 42), 4, 3))
        .isCloseTo((1 / log2(4)) / (1 + 1 / log2(3) + 1 / log2(4)), within(EPS));
  }

  @Test
  void recallAndPrecision_withTwoHits_matchHandComputedValues() {
    assertThat(RankingMetrics.recall(LIST, 5, set(7, 5, 40), 3, 10)).isCloseTo(2.0 / 3, within(EPS));
    assertThat(RankingMetrics.precision(LIST, 5, set(7, 5, 40), 10)).isCloseTo(2.0 / 10, within(EPS));
    assertThat(RankingMetrics.recall(LIST, 5, set(7, 5, 40), 3, 2)).isCloseTo(1.0 / 3, within(EPS));
    assertThat(RankingMetrics.precision(LIST, 5, set(7, 5, 40), 2)).isCloseTo(1.0 / 2, within(EPS));
  }

  @Test
  void f1_isHarmonicMeanOfPrecisionAndRecall() {
    // k = 10: P = 2/10, R = 2/3 -> 2 * (1/5) * (2/3) / (1/5 + 2/3) = (4/15) / (13/15) = 4/13.
    assertThat(RankingMetrics.f1(LIST, 5, set(7, 5, 40), 3, 10)).isCloseTo(4.0 / 13, within(EPS));
    assertThat(RankingMetrics.f1(LIST, 5, set(40), 1, 10)).isZero();
  }

  @Test
  void mrr_isReciprocalRankOfFirstHit_withinK() {
    assertThat(RankingMetrics.mrr(LIST, 5, set(5, 1), 10)).isCloseTo(1.0 / 3, within(EPS));
    assertThat(RankingMetrics.mrr(LIST, 5, set(5, 1), 2)).isZero();
  }

  @Test
  void hit_isOneWithAnyHitWithinK() {
    assertThat(RankingMetrics.hit(LIST, 5, set(9), 4)).isEqualTo(1.0);
    assertThat(RankingMetrics.hit(LIST, 5, set(9), 3)).isZero();
  }

  @Test
  void map_averagesPrecisionAtHits_overMinOfRelevantAndK() {
    // Hits at ranks 1 and 3: (1/1 + 2/3) / min(2, 10).
    assertThat(RankingMetrics.map(LIST, 5, set(7, 5), 2, 10)).isCloseTo((1 + 2.0 / 3) / 2, within(EPS));
    // Relevant {3, 1, 40}: hits at ranks 2 and 5: (1/2 + 2/5) / min(3, 10).
    assertThat(RankingMetrics.map(LIST, 5, set(3, 1, 40), 3, 10)).isCloseTo((0.5 + 0.4) / 3, within(EPS));
    // k = 2 with 3 relevant: (1/2) / min(3, 2).
    assertThat(RankingMetrics.map(LIST, 5, set(3, 1, 40), 3, 2)).isCloseTo(0.5 / 2, within(EPS));
  }

  @Test
  void perfectList_scoresOneEverywhere() {
    BitSet all = set(7, 3, 5, 9, 1);
    assertThat(RankingMetrics.ndcg(LIST, 5, all, 5, 5)).isCloseTo(1, within(EPS));
    assertThat(RankingMetrics.map(LIST, 5, all, 5, 5)).isCloseTo(1, within(EPS));
    assertThat(RankingMetrics.recall(LIST, 5, all, 5, 5)).isCloseTo(1, within(EPS));
  }

  @Test
  void shortList_precisionStillDividesByK() {
    // Only 2 items could be ranked; k = 10.
    assertThat(RankingMetrics.precision(new int[] {7, 3}, 2, set(7), 10)).isCloseTo(0.1, within(EPS));
  }
}
