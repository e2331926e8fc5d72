package dev.longview.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopKTest {

  @Test
  void select_returnsBestFirst_tiesByLowerIndex_skippingFilteredAndNaN() {
    float[] scores = {0.5f, 0.9f, Float.NaN, 0.9f, 0.1f, 0.7f};
    ItemFilter filter = new ItemFilter(6).exclude(5);
    int[] items = new int[3];
    float[] out = new float[3];

    int found = new TopK(3).select(scores, 6, filter, items, out);

    assertThat(found).isEqualTo(3);
    assertThat(items).containsExactly(1, 3, 0);
    assertThat(out).containsExactly(0.9f, 0.9f, 0.5f);
  }

  @Test
  void select_withFewerAllowedItemsThanK_returnsThemAll() {
    float[] scores = {3f, 1f, 2f};
    assertThat(new TopK(10).select(scores, 3, new ItemFilter(3).exclude(0))).containsExactly(2, 1);
  }

  /** Seeded property: the same answer as a full sort, and a filtered item is never returned. */
  @ParameterizedTest
  @ValueSource(longs = {1, 7, 42, 99, 2024})
  void select_equalsAFullSort_andNeverReturnsAFilteredItem(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1 + r.nextInt(2_000);
    int k = 1 + r.nextInt(50);
    float[] scores = new float[n];
    ItemFilter filter = new ItemFilter(n);
    List<Integer> allowed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      scores[i] = r.nextInt(100) / 10f; // many ties
      if (r.nextInt(4) == 0) {
        filter.exclude(i);
      } else {
        allowed.add(i);
      }
    }
    allowed.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
    List<Integer> expected = allowed.subList(0, Math.min(k, allowed.size()));

    int[] got = new TopK(k).select(scores, n, filter);

    assertThat(got).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    for (int i : got) {
      assertThat(filter.excluded(i)).isFalse();
    }
  }
}
