package dev.longview.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.snapshot.InteractionSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitterTest {
  private static final Protocol ALL = new Protocol("all", 0, false, 0, 0, false, Splitter.leaveLastOut());

  @Test
  void ratioCounts_followRecBolesSplitByRatio() {
    RatioSplitter s = new RatioSplitter(0.8, 0.1, 0.1);
    assertThat(s.counts(10)).containsExactly(8, 1, 1);
    assertThat(s.counts(19)).containsExactly(17, 1, 1);
    assertThat(s.counts(25)).containsExactly(21, 2, 2);
    // 0.1 * 5 = 0.5 is in (0, 1): test, then valid, take one entry each from train.
    assertThat(s.counts(5)).containsExactly(3, 1, 1);
    assertThat(s.counts(2)).containsExactly(1, 0, 1);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void ratio_partitionsEveryUsersItems_andSameSeedGivesSameSplit(long seed) {
    Dataset d = ALL.prepare(Fixtures.random(seed, 30, 40));
    Splitter s = Splitter.ratio(0.8, 0.1, 0.1);
    Split a = s.split(d, seed);
    Split b = s.split(d, seed);
    assertThat(s.roles(d, seed)).isEqualTo(s.roles(d, seed));
    for (int u = 0; u < d.userCount(); u++) {
      List<Integer> all = new ArrayList<>();
      for (int p = a.train().userStart(u); p < a.train().userEnd(u); p++) {
        all.add(a.train().itemAt(p));
      }
      int trainCount = all.size();
      Arrays.stream(a.valid().items(u)).forEach(all::add);
      Arrays.stream(a.test().items(u)).forEach(all::add);
      List<Integer> expected = new ArrayList<>();
      for (int p = d.userStart(u); p < d.userEnd(u); p++) {
        expected.add(d.itemAt(p));
      }
      assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
      int[] counts = new RatioSplitter(0.8, 0.1, 0.1).counts(expected.size());
      assertThat(new int[] {trainCount, a.valid().count(u), a.test().count(u)}).containsExactly(counts);
      assertThat(b.test().items(u)).containsExactly(a.test().items(u));
    }
  }

  @Test
  void ratio_differentSeeds_giveDifferentSplits() {
    Dataset d = ALL.prepare(Fixtures.random(7, 30, 40));
    Splitter s = Splitter.ratio(0.8, 0.1, 0.1);
    assertThat(s.roles(d, 1)).isNotEqualTo(s.roles(d, 2));
  }

  @Test
  void leaveLastOut_takesLastAsTest_secondLastAsValid_tiesByItemId() {
    // User 0: item "9" at t=5, items "10" and "3" both at t=7 -> order 9, 3, 10 (ids numerically).
    InteractionSnapshot s = Fixtures.snapshot(2, 11, 0,
        new int[] {0, 10, 1, 7}, new int[] {0, 9, 1, 5}, new int[] {0, 3, 1, 7},
        new int[] {1, 1, 1, 1}, new int[] {1, 2, 1, 2});
    Dataset d = ALL.prepare(s);
    Split split = Splitter.leaveLastOut().split(d, 0);
    int u0 = 0;
    assertThat(d.userId(u0)).isEqualTo("u0");
    assertThat(d.itemId(split.test().items(u0)[0])).isEqualTo("10");
    assertThat(d.itemId(split.valid().items(u0)[0])).isEqualTo("3");
    assertThat(split.train().userDegree(u0)).isEqualTo(1);
    assertThat(d.itemId(split.train().itemAt(split.train().userStart(u0)))).isEqualTo("9");
    // User 1 has two entries: test = the later one, no valid item.
    assertThat(d.itemId(split.test().items(1)[0])).isEqualTo("2");
    assertThat(split.valid().count(1)).isZero();
  }

  @Test
  void timeCutoff_assignsByEventTime() {
    InteractionSnapshot s = Fixtures.snapshot(1, 4, 0,
        new int[] {0, 0, 1, 100}, new int[] {0, 1, 1, 200}, new int[] {0, 2, 1, 300}, new int[] {0, 3, 1, 400});
    Split split = Splitter.timeCutoff(Instant.ofEpochSecond(200), Instant.ofEpochSecond(350))
        .split(ALL.prepare(s), 0);
    assertThat(split.train().size()).isEqualTo(1);
    assertThat(split.valid().items(0)).containsExactly(1, 2);
    assertThat(split.test().items(0)).containsExactly(3);
  }

  @Test
  void badRatiosOrCutoffs_areRefusedWithTheFix() {
    assertThatThrownBy(() -> Splitter.ratio(0.8, 0.1, 0.2)).hasMessageContaining("add up to 1, e.g. 0.8/0.1/0.1");
    assertThatThrownBy(() -> Splitter.timeCutoff(Instant.ofEpochSecond(5), Instant.ofEpochSecond(4)))
        .hasMessageContaining("not after the test cutoff");
  }
}
