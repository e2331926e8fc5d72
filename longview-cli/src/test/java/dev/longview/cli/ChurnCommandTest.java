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
    assertThat(names).containsExactly("recency", "rfm-logistic", "bgnbd-p-alive", "logistic",
        "lightgbm");
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

    CliTest.Run table = LifecycleCommandTest.run("churn", "fit-bgnbd", "--db", db);
    assertThat(table.out()).contains("alpha", "holdout predicted");
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
