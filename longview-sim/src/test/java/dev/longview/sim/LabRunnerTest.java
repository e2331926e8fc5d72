package dev.longview.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.lab.sim.SimConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lab end to end on a tiny world: every policy through a real SQLite store. */
class LabRunnerTest {
  private static final SimConfig TINY = SimConfig.defaults().withUsers(40).withDays(8)
      .withItemsPerTopic(5).withSensitivity(1.0);

  @Test
  void everyPolicyRuns_andTheSameSeedsGiveTheSameNumbers() {
    LabRunner.Plan plan = new LabRunner.Plan(List.of("random", "popular", "myopic", "longview"),
        TINY, 2, 2, false);
    LabRunner.Report a = LabRunner.run(plan, d -> {});
    LabRunner.Report b = LabRunner.run(plan, d -> {});
    assertThat(a.perSeed()).isEqualTo(b.perSeed());
    assertThat(a.summaries().keySet()).containsExactly("random", "popular", "myopic", "longview");
    for (var runs : a.perSeed().values()) {
      assertThat(runs).hasSize(2);
      for (Map<String, Double> m : runs) {
        assertThat(m.get("sessions")).isGreaterThanOrEqualTo(40); // everyone arrives once
        assertThat(m.get("ctr")).isBetween(0.0, 1.0);
        assertThat(m.get("d1Retention")).isBetween(0.0, 1.0);
      }
    }
    // same seed, same arrivals whatever the policy: the first day's sessions agree
    Summary s = a.summaries().get("random").get("dau");
    assertThat(s.lo()).isLessThanOrEqualTo(s.mean()).isLessThanOrEqualTo(s.hi());
  }

  @Test
  void storingImpressions_changesNothingTheWorldDoes_forPoliciesThatIgnoreThem() {
    Map<String, Double> without = LabRunner.runOne("popular", TINY, 3, false, () -> {});
    Map<String, Double> with = LabRunner.runOne("popular", TINY, 3, true, () -> {});
    assertThat(with).isEqualTo(without);
  }

  @Test
  void unknownPolicy_isRefusedWithTheKnownNames() {
    assertThatThrownBy(() -> new LabRunner.Plan(List.of("greedy"), TINY, 1, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"greedy\"").hasMessageContaining("longview");
  }

  @Test
  void summary_isAStudentTInterval() {
    Summary s = Summary.of(new double[] {1, 2, 3});
    assertThat(s.mean()).isEqualTo(2.0);
    // sd 1, se 1/sqrt(3), t(2) = 4.303
    assertThat(s.hi() - s.mean()).isCloseTo(4.303 / Math.sqrt(3), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Summary.of(new double[] {5}).lo()).isEqualTo(5.0);
  }
}
