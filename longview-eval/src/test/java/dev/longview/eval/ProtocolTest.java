package dev.longview.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.snapshot.InteractionSnapshot;
import org.junit.jupiter.api.Test;

class ProtocolTest {
  @Test
  void prepare_keepsRatingsAtLeastThreshold_andBinarisesRepeats() {
    // u0 rates item 0 twice (4 then 5), item 1 with 2 (dropped); u1 rates item 1 with 3.
    InteractionSnapshot s = Fixtures.snapshot(2, 2, 0,
        new int[] {0, 0, 4, 1}, new int[] {0, 0, 5, 2}, new int[] {0, 1, 2, 3}, new int[] {1, 1, 3, 4});
    Dataset d = new Protocol("t", 3, true, 0, 0, false, Splitter.leaveLastOut()).prepare(s);
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.epochSecondAt(d.userStart(0))).as("the earliest repeat stays").isEqualTo(1);
    Split split = Splitter.leaveLastOut().split(d, 0);
    assertThat(split.train().weightAt(0)).as("binarised weight").isEqualTo(1f);
  }

  @Test
  void kCore_repeatsUntilStable() {
    // Core 2. A {1,2}, B {1,2}, C {3,1}: item 3 has one interaction and goes; then C has one and
    // goes. One pass would keep C's item 1.
    InteractionSnapshot s = Fixtures.snapshot(3, 4, 0,
        new int[] {0, 1, 1, 1}, new int[] {0, 2, 1, 2}, new int[] {1, 1, 1, 3}, new int[] {1, 2, 1, 4},
        new int[] {2, 3, 1, 5}, new int[] {2, 1, 1, 6});
    Dataset iterative = new Protocol("t", 0, true, 2, 2, true, Splitter.leaveLastOut()).prepare(s);
    assertThat(iterative.size()).isEqualTo(4);
    assertThat(iterative.userCount()).isEqualTo(2);
    assertThat(iterative.itemCount()).isEqualTo(2);
    Dataset once = new Protocol("t", 0, true, 2, 2, false, Splitter.leaveLastOut()).prepare(s);
    assertThat(once.size()).isEqualTo(5);
  }

  @Test
  void prepare_numbersItemsInExternalIdOrder_numerically() {
    dev.longview.core.snapshot.SnapshotBuilder b = new dev.longview.core.snapshot.SnapshotBuilder();
    b.addUser("u", null, null);
    for (String id : new String[] {"100", "9", "10"}) {
      b.addItem(id, java.util.List.of(), null, null, false);
    }
    for (int i = 0; i < 3; i++) {
      b.addInteraction(0, i, 1, 10 + i);
    }
    Dataset d = new Protocol("t", 0, false, 0, 0, false, Splitter.leaveLastOut()).prepare(b.build());
    assertThat(new String[] {d.itemId(0), d.itemId(1), d.itemId(2)}).containsExactly("9", "10", "100");
  }

  @Test
  void presets_areP1AndP2_andUnknownNamesListThem() {
    assertThat(Protocol.presets()).containsExactly("ml1m-recbole", "next-item");
    Protocol p1 = Protocol.named("ml1m-recbole");
    assertThat(p1.minWeight()).isEqualTo(3);
    assertThat(p1.binarise()).isTrue();
    assertThat(p1.minUserInteractions()).isEqualTo(10);
    assertThat(p1.iterative()).isTrue();
    assertThat(Protocol.named("next-item").minUserInteractions()).isEqualTo(5);
    assertThatThrownBy(() -> Protocol.named("p9")).hasMessageContaining("use one of ml1m-recbole, next-item");
  }
}
