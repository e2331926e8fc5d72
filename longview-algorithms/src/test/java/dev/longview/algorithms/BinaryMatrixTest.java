package dev.longview.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.snapshot.SnapshotBuilder;
import org.junit.jupiter.api.Test;

class BinaryMatrixTest {
  @Test
  void of_sumsRepeatedEntriesAndKeepsPositiveSumsOnly() {
    SnapshotBuilder b = Snapshots.builder(1, 5);
    b.addInteraction(0, 0, 1f, 1);   // like
    b.addInteraction(0, 0, -1f, 2);  // cancelled: sum 0, no interaction
    b.addInteraction(0, 1, -1f, 3);  // dislike only: none
    b.addInteraction(0, 2, 1f, 4);   // repeated: one binary interaction
    b.addInteraction(0, 2, 3f, 5);
    b.addInteraction(0, 4, 2f, 6);
    b.addInteraction(0, 3, -1f, 7);  // net positive: 2 - 1
    b.addInteraction(0, 3, 2f, 8);
    BinaryMatrix x = BinaryMatrix.of(b.build());
    assertThat(x.nnz()).isEqualTo(3);
    assertThat(x.userItems).containsExactly(2, 3, 4);
    assertThat(x.contains(0, 3)).isTrue();
    assertThat(x.contains(0, 0)).isFalse();
    assertThat(x.itemDegree(0)).isZero();
    assertThat(x.itemUsers).containsExactly(0, 0, 0);
  }
}
