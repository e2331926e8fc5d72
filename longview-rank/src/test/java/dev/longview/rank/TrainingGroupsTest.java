package dev.longview.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TrainingGroupsTest {
  private static RankRequest request(int user, int n) {
    int[] items = new int[n];
    float[] scores = new float[n];
    for (int k = 0; k < n; k++) {
      items[k] = 100 + k;
      scores[k] = n - k;
    }
    return new RankRequest(user, RankContext.at(0), items, new float[][] {scores});
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void heldOut_keepsEveryPositive_samplesTheAskedNegatives_andIsSeeded(long seed) {
    RankRequest r = request(7, 50);
    int[] held = {103, 120, 999};
    LabeledGroup g = TrainingGroups.heldOut(r, held, 10, seed);
    int[] labels = g.labels();
    assertThat(g.request().items()).containsExactly(r.items());
    assertThat(labels[3]).isEqualTo(1);
    assertThat(labels[20]).isEqualTo(1);
    assertThat(Arrays.stream(labels).filter(l -> l == 1).count()).isEqualTo(2);
    assertThat(Arrays.stream(labels).filter(l -> l == 0).count()).isEqualTo(10);
    assertThat(Arrays.stream(labels).filter(l -> l == -1).count()).isEqualTo(38);
    assertThat(TrainingGroups.heldOut(r, held, 10, seed).labels()).containsExactly(labels);
    assertThat(TrainingGroups.heldOut(r, held, 100, seed).labels()).doesNotContain(-1);
  }

  @Test
  void heldOut_withoutAPositiveAmongTheCandidates_isNull() {
    assertThat(TrainingGroups.heldOut(request(1, 5), new int[] {1}, 3, 1)).isNull();
    assertThatThrownBy(() -> TrainingGroups.heldOut(request(1, 5), new int[] {100}, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negatives was 0");
  }

  @Test
  void fromImpressions_groupsBySession_orTimeBucket_andMergesRepeats() {
    List<TrainingGroups.Impression> log = List.of(
        new TrainingGroups.Impression(0, 5, 100, "web", "s1", false),
        new TrainingGroups.Impression(0, 6, 101, "web", "s1", true),
        new TrainingGroups.Impression(0, 5, 102, "web", "s1", true),
        new TrainingGroups.Impression(0, 7, 5000, null, null, false),
        new TrainingGroups.Impression(0, 8, 5100, null, null, true),
        new TrainingGroups.Impression(1, 7, 5000, null, null, false));
    List<LabeledGroup> groups = TrainingGroups.fromImpressions(log, 1800,
        (u, shown, ctx) -> new RankRequest(u, ctx, shown, new float[0][]));
    assertThat(groups).hasSize(3);
    assertThat(groups.get(0).request().items()).containsExactly(5, 6);
    assertThat(groups.get(0).labels()).containsExactly(1, 1);
    assertThat(groups.get(0).request().context().device()).isEqualTo("web");
    assertThat(groups.get(0).request().context().epochSecond()).isEqualTo(100);
    assertThat(groups.get(1).request().items()).containsExactly(7, 8);
    assertThat(groups.get(1).labels()).containsExactly(0, 1);
    assertThat(groups.get(2).request().user()).isEqualTo(1);
    assertThatThrownBy(() -> TrainingGroups.fromImpressions(List.of(
        new TrainingGroups.Impression(-1, 5, 100, null, null, true)), 1800,
        (u, shown, ctx) -> null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("impression 0");
  }
}
