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

  /**
   * Seeded property: a sparse candidate list in any order (ids shuffled) gives the same answer as
   * the dense array with the other items at NaN, and so does offering them one by one.
   */
  @ParameterizedTest
  @ValueSource(longs = {3, 11, 42, 500})
  void selectOverIds_andOffer_equalTheDenseSelection(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int items = 1 + r.nextInt(3_000);
    int k = 1 + r.nextInt(60);
    float[] dense = new float[items];
    java.util.Arrays.fill(dense, Float.NaN);
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      if (r.nextInt(3) == 0) {
        chosen.add(i);
        dense[i] = r.nextInt(50) / 10f;
      }
    }
    java.util.Collections.shuffle(chosen, new java.util.Random(seed));
    int n = chosen.size();
    int[] ids = chosen.stream().mapToInt(Integer::intValue).toArray();
    float[] sparse = new float[n];
    for (int p = 0; p < n; p++) {
      sparse[p] = dense[ids[p]];
    }
    ItemFilter filter = new ItemFilter(items);
    for (int i = 0; i < items; i += 7) {
      filter.exclude(i);
    }
    int[] want = new TopK(k).select(dense, items, filter);

    TopK top = new TopK(k);
    int[] got = new int[k];
    float[] gotScores = new float[k];
    int found = top.select(sparse, ids, n, filter, got, gotScores);
    assertThat(java.util.Arrays.copyOf(got, found)).containsExactly(want);
    for (int q = 0; q < found; q++) {
      assertThat(gotScores[q]).isEqualTo(dense[got[q]]);
    }

    top.clear();
    for (int p = 0; p < n; p++) {
      if (!filter.excluded(ids[p])) {
        top.offer(ids[p], sparse[p]);
      }
    }
    assertThat(top.full()).isEqualTo(want.length == k);
    int[] offered = new int[k];
    assertThat(top.drain(offered, null)).isEqualTo(want.length);
    assertThat(java.util.Arrays.copyOf(offered, want.length)).containsExactly(want);
    assertThat(top.full()).isFalse();
  }

  @Test
  void threshold_isTheWorstKeptScoreOnceFull() {
    TopK top = new TopK(2);
    assertThat(top.threshold()).isEqualTo(Float.NEGATIVE_INFINITY);
    top.offer(4, 1f);
    assertThat(top.threshold()).isEqualTo(Float.NEGATIVE_INFINITY);
    top.offer(9, 3f);
    assertThat(top.threshold()).isEqualTo(1f);
    top.offer(2, 2f);
    assertThat(top.threshold()).isEqualTo(2f);
    top.offer(1, 2f); // a tie with a lower index enters
    int[] items = new int[2];
    assertThat(top.drain(items, null)).isEqualTo(2);
    assertThat(items).containsExactly(9, 1);
  }
}
