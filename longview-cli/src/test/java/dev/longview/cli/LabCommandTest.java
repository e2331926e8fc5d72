package dev.longview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code longview lab run} on a tiny world: the JSON shape promised in the README. */
class LabCommandTest {
  @Test
  void labRun_json_hasMeanAndIntervalPerPolicyAndMetric() throws Exception {
    CliTest.Run r = CliTest.run("lab", "run", "--policy", "random,longview", "--days", "6",
        "--users", "30", "--seeds", "2", "--sensitivity", "1", "--threads", "2", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("policies").size()).isEqualTo(2);
    for (String policy : new String[] {"random", "longview"}) {
      JsonNode p = j.get("policies").get(policy);
      for (String metric : new String[] {"dau", "d1Retention", "d7Retention", "d30Retention",
          "engagement", "ctr", "returnGap", "churned", "diversity"}) {
        assertThat(p.has(metric)).as(policy + "." + metric).isTrue();
        assertThat(p.get(metric).has("mean")).isTrue();
        assertThat(p.get(metric).has("lo")).isTrue();
        assertThat(p.get(metric).has("hi")).isTrue();
      }
      assertThat(p.get("dau").get("mean").asDouble()).isPositive();
      assertThat(p.get("d30Retention").get("mean").isNull()).isTrue(); // 6 days: no day 30
      // per weekly arrival cohort: 6 days = one cohort, days 0-5, which is the whole pool
      JsonNode week1 = p.get("cohorts").get("week1");
      assertThat(p.get("cohorts").size()).isEqualTo(1);
      assertThat(week1.get("arrivals").get("mean").asDouble()).isEqualTo(30.0);
      assertThat(week1.get("d1Retention").get("mean").asDouble())
          .isEqualTo(p.get("d1Retention").get("mean").asDouble());
      assertThat(week1.get("d7Retention").get("mean").isNull()).isTrue();
    }
    assertThat(j.get("seeds").asInt()).isEqualTo(2);
    assertThat(j.get("seedStart").asInt()).isEqualTo(1);
  }

  @Test
  void labRun_table_and_mistakes() throws Exception {
    CliTest.Run table = CliTest.run("lab", "run", "--policy", "popular", "--days", "3",
        "--users", "10", "--seeds", "1");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("d30Retention").contains("popular")
        .contains("seeds 1-1").contains("d1Retention.week1");
    CliTest.Run fresh = CliTest.run("lab", "run", "--policy", "popular", "--days", "3",
        "--users", "10", "--seeds", "2", "--seed-start", "6");
    assertThat(fresh.exit()).as(fresh.err()).isZero();
    assertThat(fresh.out()).contains("seeds 6-7");
    // 15 days: users arrive over days 0-7, so week 3 (days 14-15) has no cohort and is left out
    CliTest.Run weeks = CliTest.run("lab", "run", "--policy", "popular", "--days", "15",
        "--users", "10", "--seeds", "1", "--json");
    assertThat(weeks.exit()).as(weeks.err()).isZero();
    JsonNode cohorts = weeks.json().get("policies").get("popular").get("cohorts");
    assertThat(cohorts.has("week1")).isTrue();
    assertThat(cohorts.has("week3")).isFalse();
    assertThat(CliTest.run("lab", "run", "--policy", "greedy", "--days", "3").exit()).isEqualTo(2);
    assertThat(CliTest.run("lab", "run", "--days", "0").exit()).isEqualTo(2);
  }
}
