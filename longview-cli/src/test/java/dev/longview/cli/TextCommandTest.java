package dev.longview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code longview text} end to end on a generated MovieLens-latest folder: two clusters of ten
 * movies ("Space Alien N", Sci-Fi; "Toy Friends N", Animation) and ten users who each rate every
 * movie of one cluster. Whatever items the seeded split holds out, a user's text profile shares
 * words only with the held-out movies of their own cluster, all of which they rated: so the top
 * held-out item by text is always one of theirs (Hit@1 = 1).
 */
class TextCommandTest {
  @TempDir Path dir;

  private Path dataset() throws Exception {
    StringBuilder movies = new StringBuilder("movieId,title,genres\n");
    for (int m = 1; m <= 20; m++) {
      movies.append(m).append(',').append(m <= 10 ? "\"Space Alien, Part " + m + " (1980)\",Sci-Fi"
          : "Toy Friends " + m + " (1995),Animation|Children").append('\n');
    }
    StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
    for (int u = 1; u <= 10; u++) {
      int first = u % 2 == 0 ? 1 : 11;
      for (int m = first; m < first + 10; m++) {
        ratings.append(u).append(',').append(m).append(",4.0,").append(1_000_000 + u * 100 + m).append('\n');
      }
    }
    Path d = dir.resolve("ml-tiny");
    Files.createDirectories(d);
    Files.writeString(d.resolve("movies.csv"), movies);
    Files.writeString(d.resolve("ratings.csv"), ratings);
    Files.writeString(d.resolve("tags.csv"), "userId,movieId,tag,timestamp\n2,1,\"dark, scary\",1\n3,11,cute,2\n");
    return d;
  }

  @Test
  void coldStart_ranksAUsersOwnClusterFirstByText_andReportsEveryMethod() throws Exception {
    CliTest.Run r = CliTest.run("text", "cold-start", "--input", dataset().toString(), "--cold", "0.2",
        "--k", "1,5", "--cf", "pop", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("items").asInt()).isEqualTo(20);
    assertThat(j.get("coldItems").asInt()).isEqualTo(4);
    assertThat(j.get("trainInteractions").asInt() + j.get("coldTestInteractions").asInt()
        + j.get("warmTestInteractions").asInt()).isEqualTo(100);
    JsonNode text = null;
    for (JsonNode row : j.get("coldRanking")) {
      if (row.get("method").asText().equals("text:title+genres")) {
        text = row;
      }
    }
    assertThat(text).isNotNull();
    assertThat(text.get("hit@1").asDouble()).isEqualTo(1.0);
    assertThat(j.get("hybrid")).hasSize(3);
    assertThat(r.err()).contains("2 tags on 2 items");
  }

  @Test
  void encodeBench_reportsThroughput() throws Exception {
    CliTest.Run r = CliTest.run("text", "encode-bench", "--input", dataset().toString(), "--repeat", "1", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("items").asInt()).isEqualTo(20);
    assertThat(r.json().get("itemsPerSecond1Thread").asLong()).isPositive();
  }

  @Test
  void badInputOrEncoder_exitsWith2AndSaysWhy() throws Exception {
    CliTest.Run missing = CliTest.run("text", "cold-start", "--input", dir.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("is not a MovieLens latest folder");
    CliTest.Run bogus = CliTest.run("text", "cold-start", "--input", dataset().toString(), "--encoder", "bert");
    assertThat(bogus.exit()).isEqualTo(2);
    assertThat(bogus.err()).contains("unknown encoder \"bert\"; use tfidf or onnx:DIR");
    CliTest.Run noModel = CliTest.run("text", "encode-bench", "--input", dataset().toString(),
        "--encoder", "onnx:" + dir.resolve("no-model"));
    assertThat(noModel.exit()).isEqualTo(2);
    assertThat(noModel.err()).contains("no-model does not exist").contains("model.onnx and tokenizer.json");
  }
}
