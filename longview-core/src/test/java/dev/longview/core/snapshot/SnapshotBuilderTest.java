package dev.longview.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotBuilderTest {

  @Test
  void build_laysOutCsrByTimeAndCscByUser_computedByHand() {
    SnapshotBuilder b = new SnapshotBuilder();
    int u0 = b.addUser("u0", null, Map.of());
    int u1 = b.addUser("u1", null, Map.of());
    int a = b.addItem("a", List.of("x"), "A", 1.0, false);
    int c = b.addItem("c", List.of(), null, null, true);
    b.addInteraction(u1, a, 2f, 1_000);
    b.addInteraction(u0, c, 1f, 1_030);
    b.addInteraction(u0, a, 5f, 1_010);
    b.addInteraction(u0, c, 3f, 1_010); // same time as (u0, a): ties by item index

    InteractionSnapshot s = b.build();

    // CSR: u0 -> (a@1010 w5), (c@1010 w3), (c@1030 w1); u1 -> (a@1000 w2)
    assertThat(s.userStart(u0)).isZero();
    assertThat(s.userEnd(u0)).isEqualTo(3);
    assertThat(new int[] {s.itemAt(0), s.itemAt(1), s.itemAt(2), s.itemAt(3)}).containsExactly(a, c, c, a);
    assertThat(new float[] {s.weightAt(0), s.weightAt(1), s.weightAt(2), s.weightAt(3)})
        .containsExactly(5f, 3f, 1f, 2f);
    assertThat(s.epochSecondAt(0)).isEqualTo(1_010);
    assertThat(s.baseTime().getEpochSecond()).isEqualTo(1_000);
    // CSC: a -> u0 (5), u1 (2); c -> u0 (3), u0 (1)
    assertThat(s.itemDegree(a)).isEqualTo(2);
    assertThat(s.userAtColumn(s.itemStart(a))).isEqualTo(u0);
    assertThat(s.weightAtColumn(s.itemStart(a))).isEqualTo(5f);
    assertThat(s.userAtColumn(s.itemStart(a) + 1)).isEqualTo(u1);
    assertThat(s.weightAtColumn(s.itemStart(c) + 1)).isEqualTo(1f);
    // 4 entries: CSR 4+4+1, CSC 4+1 bytes each, pointers (3 + 3) x 4, dictionary 4 floats
    assertThat(s.interactionBytes()).isEqualTo(4 * 14 + 6 * 4 + 2 * 4 * 4);
    assertThat(s.itemHidden(c)).isTrue();
    assertThat(s.itemCategories(a)).containsExactly("x");
  }

  @Test
  void build_twice_isRefused() {
    SnapshotBuilder b = new SnapshotBuilder();
    b.build();
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void addInteraction_outsideTheUsersOrItems_saysWhich() {
    SnapshotBuilder b = new SnapshotBuilder();
    b.addUser("u", null, null);
    assertThatThrownBy(() -> b.addInteraction(0, 3, 1f, 0))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("(0, 3) is outside 1 users x 0 items");
  }

  /** Random interactions in random order: every row sorted, CSC the transpose of CSR. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2024})
  void build_isSortedAndCscIsTheTransposeOfCsr(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int users = 1 + r.nextInt(40);
    int items = 1 + r.nextInt(60);
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < users; u++) {
      b.addUser("u" + u, null, null);
    }
    for (int i = 0; i < items; i++) {
      b.addItem("i" + i, List.of(), null, null, false);
    }
    int n = r.nextInt(3_000);
    Map<String, Integer> expected = new HashMap<>();
    for (int k = 0; k < n; k++) {
      int u = r.nextInt(users);
      int i = r.nextInt(items);
      float w = 1 + r.nextInt(5);
      long t = 1_700_000_000L + r.nextInt(500);
      b.addInteraction(u, i, w, t);
      expected.merge(u + "/" + i + "/" + w, 1, Integer::sum);
    }
    InteractionSnapshot s = b.build();

    assertThat(s.size()).isEqualTo(n);
    Map<String, Integer> csr = new HashMap<>();
    for (int u = 0; u < users; u++) {
      for (int p = s.userStart(u); p < s.userEnd(u); p++) {
        csr.merge(u + "/" + s.itemAt(p) + "/" + s.weightAt(p), 1, Integer::sum);
        if (p > s.userStart(u)) {
          long t0 = s.epochSecondAt(p - 1);
          long t1 = s.epochSecondAt(p);
          assertThat(t0 < t1 || (t0 == t1 && s.itemAt(p - 1) <= s.itemAt(p))).isTrue();
        }
      }
    }
    Map<String, Integer> csc = new HashMap<>();
    for (int i = 0; i < items; i++) {
      List<Integer> col = new ArrayList<>();
      for (int p = s.itemStart(i); p < s.itemEnd(i); p++) {
        csc.merge(s.userAtColumn(p) + "/" + i + "/" + s.weightAtColumn(p), 1, Integer::sum);
        col.add(s.userAtColumn(p));
      }
      assertThat(col).isSorted();
    }
    assertThat(csr).isEqualTo(expected);
    assertThat(csc).isEqualTo(expected);
  }
}
