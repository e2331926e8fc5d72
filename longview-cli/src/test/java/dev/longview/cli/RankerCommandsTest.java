package dev.longview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.rank.RankerModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --model ranker}, {@code eval --model ranker|pipeline} and serve's ranker loading. */
class RankerCommandsTest {
  @TempDir Path dir;

  /** A MovieLens-100K file: 90 users in 3 taste groups over 36 items, timestamps in order. */
  private Path dataset() throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    StringBuilder s = new StringBuilder();
    for (int u = 1; u <= 90; u++) {
      long t = 1_000_000 + 100L * u;
      for (int item = 1; item <= 36; item++) {
        if (r.nextDouble() < ((item - 1) / 12 == u % 3 ? 0.6 : 0.03)) {
          s.append(u).append('\t').append(item).append("\t4\t").append(t).append('\n');
          t += 3_600;
        }
      }
    }
    Path file = dir.resolve("ml-100k").resolve("u.data");
    Files.createDirectories(file.getParent());
    Files.writeString(file, s);
    return file.getParent();
  }

  private static final String PARAMS = "rounds=20,min_data_in_leaf=5,holdout=0.2,negatives=10";

  @Test
  void trainRanker_writesABundleWithTheRanker_thatServeCanLoad() throws Exception {
    Path models = dir.resolve("models");
    CliTest.Run r = CliTest.run("train", "--model", "ranker", "--input", dataset().toString(),
        "--params", PARAMS, "--seed", "3", "--models-dir", models.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("algorithm").asText()).isEqualTo("ranker");
    assertThat(j.get("params").get("rounds").asText()).isEqualTo("20");
    assertThat(j.get("files").toString()).contains(RankerModel.MODEL_FILE, RankerModel.META_FILE,
        "recall-ials.lvm", "recall-itemknn.lvm");
    assertThat(r.err()).contains("ranker: LambdaMART on");
    // serve --ranker takes the bundle folder (its LATEST) or a version folder.
    try (RankerModel latest = ServeCommand.loadRanker(models.resolve("ranker"));
        RankerModel v1 = ServeCommand.loadRanker(models.resolve("ranker/v1"))) {
      assertThat(latest.text()).isEqualTo(v1.text());
      assertThat(latest.sources()).contains("factors", "itemknn", "trending");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> ServeCommand.loadRanker(dir.resolve("nothing")))
        .isInstanceOf(UserError.class).hasMessageContaining("train --model ranker");
  }

  @Test
  void evalRankerAndPipeline_useTheSameEvaluatorAsSingleModels() throws Exception {
    Path data = dataset();
    CliTest.Run ranker = CliTest.run("eval", "--protocol", "next-item", "--input",
        data.toString(), "--model", "ranker", "--param", "rounds=20", "--param", "min_data_in_leaf=5",
        "--param", "holdout=0.2", "--param", "negatives=10", "--k", "10", "--threads", "1",
        "--json");
    assertThat(ranker.exit()).as(ranker.err()).isZero();
    CliTest.Run blend = CliTest.run("eval", "--protocol", "next-item", "--input",
        data.toString(), "--model", "pipeline", "--k", "10", "--threads", "1", "--json");
    assertThat(blend.exit()).as(blend.err()).isZero();
    for (CliTest.Run run : new CliTest.Run[] {ranker, blend}) {
      JsonNode m = run.json().get("metrics");
      assertThat(m.get("ndcg@10").asDouble()).isBetween(0.0, 1.0);
      assertThat(run.json().get("users").asInt()).isBetween(60, 90); // next-item keeps users with >= 5 ratings
    }
    // A planted taste: the pipeline finds the held-out item for many users either way.
    assertThat(blend.json().get("metrics").get("hit@10").asDouble()).isGreaterThan(0.2);
    assertThat(ranker.json().get("metrics").get("hit@10").asDouble()).isGreaterThan(0.2);
  }
}
