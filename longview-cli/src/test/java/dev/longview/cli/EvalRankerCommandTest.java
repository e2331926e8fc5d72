package dev.longview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code longview eval-ranker} end to end on a generated MovieLens-100K file under next-item. */
class EvalRankerCommandTest {
  @TempDir Path dir;

  private Path dataset() throws Exception {
    SplittableRandom rnd = new SplittableRandom(9);
    StringBuilder s = new StringBuilder();
    for (int u = 1; u <= 60; u++) {
      int group = u % 3;
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int k = 0; seen.size() < 12; k++) {
        int item = rnd.nextDouble() < 0.8 ? 1 + group * 10 + rnd.nextInt(10) : 1 + rnd.nextInt(30);
        if (seen.add(item)) {
          s.append(u).append('\t').append(item).append('\t').append(4).append('\t')
              .append(1_000_000 + u * 10_000 + k * 60).append('\n');
        }
      }
    }
    Path file = dir.resolve("ml-100k").resolve("u.data");
    Files.createDirectories(file.getParent());
    Files.writeString(file, s);
    return file;
  }

  @Test
  void evalRanker_reportsSingles_blend_andRanker_asJson() throws Exception {
    CliTest.Run r = CliTest.run("eval-ranker", "--protocol", "next-item", "--input",
        dataset().toString(), "--sources", "itemknn,pop", "--rounds", "20", "--negatives", "10",
        "--threads", "1", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("singles")).hasSize(2);
    assertThat(j.get("singles").get(0).get("name").asText()).isEqualTo("itemknn");
    assertThat(j.get("ranker").get("ndcg").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.get("blend").get("recall").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.get("trainGroups").asInt()).isPositive();
    assertThat(j.get("example").asText()).contains("top item");
    assertThat(r.err()).contains("ranker:");
  }

  @Test
  void evalRanker_withAnUnknownSource_exits2_namingTheKnownModels() throws Exception {
    CliTest.Run r = CliTest.run("eval-ranker", "--protocol", "next-item", "--input",
        dataset().toString(), "--sources", "ials,nope");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown model \"nope\"").contains("itemknn");
  }
}
