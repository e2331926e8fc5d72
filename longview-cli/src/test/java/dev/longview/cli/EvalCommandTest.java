package dev.longview.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code longview eval} end to end on a generated MovieLens-100K file. Six users rate items 2, 3,
 * 4, 5 (times 1..4), then 6 (time 9), then 1 (time 10). Under next-item, 1 is every user's test
 * item, 6 the valid item, 2..5 training. When testing, training and valid items are excluded, so
 * the only candidate is item 1: every metric of the popularity model is worked out by hand below.
 */
class EvalCommandTest {
  @TempDir Path dir;

  private Path dataset() throws Exception {
    StringBuilder s = new StringBuilder();
    for (int u = 1; u <= 6; u++) {
      int[][] rows = {{2, 1}, {3, 2}, {4, 3}, {5, 4}, {6, 9}, {1, 10}};
      for (int[] r : rows) {
        s.append(u).append('\t').append(r[0]).append('\t').append(4).append('\t')
            .append(1_000_000 + r[1]).append('\n');
      }
    }
    Path file = dir.resolve("ml-100k").resolve("u.data");
    Files.createDirectories(file.getParent());
    Files.writeString(file, s);
    return file;
  }

  @Test
  void eval_nextItemWithPop_reportsHandComputedMetricsAsJson() throws Exception {
    CliTest.Run r = CliTest.run("eval", "--protocol", "next-item", "--input", dataset().toString(),
        "--model", "pop", "--k", "10", "--threads", "2", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("protocol").asText()).isEqualTo("next-item");
    assertThat(j.get("model").asText()).isEqualTo("pop");
    assertThat(j.get("users").asInt()).isEqualTo(6);
    assertThat(j.get("items").asInt()).isEqualTo(6);
    assertThat(j.get("interactions").asInt()).isEqualTo(36);
    JsonNode m = j.get("metrics");
    assertThat(m.get("recall@10").asDouble()).isCloseTo(1, within(1e-9));
    assertThat(m.get("ndcg@10").asDouble()).isCloseTo(1, within(1e-9));
    assertThat(m.get("hit@10").asDouble()).isCloseTo(1, within(1e-9));
    assertThat(m.get("mrr@10").asDouble()).isCloseTo(1, within(1e-9));
    assertThat(m.get("precision@10").asDouble()).isCloseTo(0.1, within(1e-9));
    // One distinct item of six is ever shown; all exposure on it: Gini = (6 - 1) / 6.
    assertThat(m.get("coverage@10").asDouble()).isCloseTo(1.0 / 6, within(1e-6));
    assertThat(m.get("gini@10").asDouble()).isCloseTo(5.0 / 6, within(1e-6));
    assertThat(j.get("seeds")).hasSize(1);
    assertThat(j.get("seeds").get(0).get("seed").asLong()).isEqualTo(42);
    assertThat(j.get("ci95").get("recall@10").asDouble()).isZero();
    assertThat(r.err()).contains("6 users, 6 items, 36 interactions");
  }

  @Test
  void eval_humanOutput_isATable_andSeveralSeedsShowTheSpread() throws Exception {
    CliTest.Run r = CliTest.run("eval", "--protocol", "next-item", "--input", dataset().toString(),
        "--model", "pop", "--seeds", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("protocol next-item (chronological leave-last-out), model pop")
        .contains("@10").contains("@20").contains("recall    ").contains("(sd 0.0000)")
        .contains("seeds [42, 43]").contains("users/s");
  }

  @Test
  void eval_onAnExistingStore_matchesTheImportedRun() throws Exception {
    String db = dir.resolve("lv.db").toString();
    CliTest.Run imported = CliTest.run("import", "--db", db, "--format", "movielens-100k", "--input",
        dataset().toString(), "--rejects", dir.resolve("rejects.csv").toString());
    assertThat(imported.exit()).as(imported.err()).isZero();
    CliTest.Run r = CliTest.run("eval", "--protocol", "next-item", "--db", db, "--model", "pop", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("metrics").get("ndcg@20").asDouble()).isCloseTo(1, within(1e-9));
  }

  @Test
  void eval_mistakes_exitWith2_andSayWhatToDo() throws Exception {
    String data = dataset().toString();
    CliTest.Run protocol = CliTest.run("eval", "--protocol", "p9", "--input", data, "--model", "pop");
    assertThat(protocol.exit()).isEqualTo(2);
    assertThat(protocol.err()).contains("use one of ml1m-recbole, next-item");
    CliTest.Run model = CliTest.run("eval", "--protocol", "next-item", "--input", data, "--model", "nope");
    assertThat(model.exit()).isEqualTo(2);
    assertThat(model.err()).contains("unknown model \"nope\"");
    CliTest.Run neither = CliTest.run("eval", "--protocol", "next-item", "--model", "pop");
    assertThat(neither.exit()).isEqualTo(2);
    assertThat(neither.err()).contains("give either --input PATH");
    CliTest.Run param = CliTest.run("eval", "--protocol", "next-item", "--input", data, "--model", "pop",
        "--param", "alpha=1");
    assertThat(param.exit()).isEqualTo(2);
    assertThat(param.err()).contains("has no parameter \"alpha\"");
    CliTest.Run objective = CliTest.run("eval", "--protocol", "next-item", "--input", data, "--model", "pop",
        "--k", "10", "--objective", "ndcg@20");
    assertThat(objective.exit()).isEqualTo(2);
    assertThat(objective.err()).contains("e.g. ndcg@10");
  }
}
