package dev.longview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code longview churn} on the deterministic demo shop (300 users, 240 days). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChurnCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  String db;

  @BeforeAll
  void demoShop() {
    db = dir.resolve("demo.db").toString();
    CliTest.Run r = LifecycleCommandTest.run("demo", "--db", db, "--users", "300", "--days", "240", "--no-serve");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void eval_reportsEveryModelAndBaseline_withCalibration() throws Exception {
    CliTest.Run r = LifecycleCommandTest.run("churn", "eval", "--db", db, "--horizon-days", "30",
        "--test-cutoffs", "1", "--rounds", "50", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());

    List<String> names = new ArrayList<>();
    for (JsonNode m : j.get("models")) {
      names.add(m.get("name").asText());
      assertThat(m.get("auc").asDouble()).isBetween(0.0, 1.0);
      assertThat(m.get("prAuc").asDouble()).isBetween(0.0, 1.0);
      assertThat(m.get("logLoss").asDouble()).isPositive();
      assertThat(m.get("calibration")).hasSize(10);
      int count = 0;
      for (JsonNode b : m.get("calibration")) {
        count += b.get("count").asInt();
      }
      assertThat(count).isEqualTo(j.get("testRows").asInt());
    }
    assertThat(names).containsExactly("recency", "rfm-logistic", "bgnbd-p-alive",
        "bgnbd-no-purchase", "logistic", "lightgbm");
    assertThat(j.get("testCutoffs")).hasSize(1);
  }

  @Test
  void fitBgNbd_printsParametersAndTheHoldoutComparison() throws Exception {
    CliTest.Run r = LifecycleCommandTest.run("churn", "fit-bgnbd", "--db", db, "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    for (String p : List.of("r", "alpha", "a", "b")) {
      assertThat(j.get(p).asDouble()).as(p).isPositive();
    }
    assertThat(j.get("customers").asInt()).isPositive();
    // cumulative actual = calibration repeats + holdout repeats
    assertThat(j.get("cumulativeActual").asLong())
        .isEqualTo(j.get("calibrationRepeats").asLong() + j.get("holdoutActual").asLong());
    assertThat(j.get("cumulativeModel").asDouble()).isPositive();

    CliTest.Run table = LifecycleCommandTest.run("churn", "fit-bgnbd", "--db", db);
    assertThat(table.out()).contains("alpha", "holdout predicted", "cumulative repeat purchase days");
  }

  @Test
  void lifecycleChurnRisk_feedsTheModelIntoAtRisk_only() throws Exception {
    String[] base = {"lifecycle", "--db", db, "--interval", "week", "--json"};
    CliTest.Run without = LifecycleCommandTest.run(base);
    CliTest.Run with = LifecycleCommandTest.run("lifecycle", "--db", db, "--interval", "week",
        "--json", "--churn-risk", "--churn-horizon-days", "30");
    assertThat(without.exit()).as(without.err()).isZero();
    assertThat(with.exit()).as(with.err()).isZero();
    JsonNode a = JSON.readTree(without.out()).get("states");
    JsonNode j = JSON.readTree(with.out());
    JsonNode b = j.get("states");
    JsonNode model = j.get("churnModel");
    assertThat(JSON.readTree(without.out()).has("churnModel")).isFalse();
    assertThat(model.get("horizonDays").asInt()).isEqualTo(30);
    assertThat(model.get("scoredUsers").asInt()).isPositive();
    assertThat(model.get("atRiskProbability").asDouble()).isEqualTo(0.3);
    // churned and dormant come before at-risk: the model cannot change them
    assertThat(b.get("churned").asInt()).isEqualTo(a.get("churned").asInt());
    assertThat(b.get("dormant").asInt()).isEqualTo(a.get("dormant").asInt());
    // at-risk is "gap rule OR model below threshold": it can only grow, and by at most the number
    // of users the model puts below the threshold; every other state can only shrink
    int added = b.get("at_risk").asInt() - a.get("at_risk").asInt();
    assertThat(added).isBetween(0, model.get("belowThreshold").asInt());
    int total = 0;
    int totalWithout = 0;
    for (var it = b.fields(); it.hasNext(); ) {
      var e = it.next();
      total += e.getValue().asInt();
      totalWithout += a.get(e.getKey()).asInt();
      if (!e.getKey().equals("at_risk")) {
        assertThat(e.getValue().asInt()).as(e.getKey()).isLessThanOrEqualTo(a.get(e.getKey()).asInt());
      }
    }
    assertThat(total).isEqualTo(totalWithout);

    CliTest.Run table = LifecycleCommandTest.run("lifecycle", "--db", db, "--interval", "week",
        "--churn-risk", "--churn-horizon-days", "30");
    assertThat(table.out()).contains("at-risk includes the churn model");
    CliTest.Run tooLong = LifecycleCommandTest.run("lifecycle", "--db", db, "--interval", "week",
        "--churn-risk", "--churn-horizon-days", "400");
    assertThat(tooLong.exit()).isEqualTo(2);
    assertThat(tooLong.err()).contains("--churn-risk");
  }

  @Test
  void mistakes_exitWith2() {
    assertThat(LifecycleCommandTest.run("churn", "eval", "--db", db).exit()).isEqualTo(2);
    CliTest.Run tooLong = LifecycleCommandTest.run("churn", "eval", "--db", db, "--horizon-days", "400");
    assertThat(tooLong.exit()).isEqualTo(2);
    assertThat(tooLong.err()).contains("shorter horizon");
    CliTest.Run badDate = LifecycleCommandTest.run("churn", "fit-bgnbd", "--db", db,
        "--calibration-end", "June");
    assertThat(badDate.exit()).isEqualTo(2);
  }
}
