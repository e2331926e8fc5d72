package dev.longview.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Beyond-accuracy metrics against values computed by hand. */
class BeyondAccuracyTest {
  private static final double EPS = 1e-12;

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void coverage_countsDistinctRecommendedItems_overCatalogue() {
    assertThat(BeyondAccuracy.coverage(new int[] {2, 0, 1, 0})).isCloseTo(0.5, within(EPS));
  }

  @Test
  void gini_ofUnequalExposure_matchesHandComputedValue() {
    // Sorted 0, 0, 1, 2; n = 4; sum (2i - n - 1) x_i = 1 * 1 + 3 * 2 = 7; / (4 * 3).
    assertThat(BeyondAccuracy.gini(new int[] {2, 0, 1, 0})).isCloseTo(7.0 / 12, within(EPS));
  }

  @Test
  void gini_isZeroForEqualExposure_andNMinusOneOverNForOneItem() {
    assertThat(BeyondAccuracy.gini(new int[] {3, 3, 3})).isCloseTo(0, within(EPS));
    assertThat(BeyondAccuracy.gini(new int[] {0, 0, 5})).isCloseTo(2.0 / 3, within(EPS));
  }

  @Test
  void ild_isMeanPairwiseOneMinusCosine_skippingItemsWithoutCategories() {
    int[][] categories = {{0, 1}, {1}, {2}, {}};
    // Pairs (0,1): 1 - 1/sqrt(2); (0,2): 1; (1,2): 1; item 3 has no genre vector.
    assertThat(BeyondAccuracy.ild(new int[] {0, 1, 2, 3}, 4, categories))
        .isCloseTo((3 - 1 / Math.sqrt(2)) / 3, within(EPS));
    assertThat(BeyondAccuracy.ild(new int[] {0, 3}, 2, categories)).isNaN();
  }

  @Test
  void novelty_isMeanMinusLog2PopularityShare() {
    int[] counts = {3, 1, 0};
    // Items 0 and 1: -log2(3/4) and -log2(1/4) = 2.
    assertThat(BeyondAccuracy.novelty(new int[] {0, 1}, 2, counts, 4))
        .isCloseTo((-log2(0.75) + 2) / 2, within(EPS));
    // An item never trained on counts as one interaction.
    assertThat(BeyondAccuracy.novelty(new int[] {2}, 1, counts, 4)).isCloseTo(2, within(EPS));
  }
}
