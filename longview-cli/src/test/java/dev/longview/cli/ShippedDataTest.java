package dev.longview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports the real datasets of {@code ../shared/data} through the command into a real SQLite
 * store. These tests read {@code ../shared/data} (found by walking up from the working folder)
 * and are skipped, with that reason, where it is absent, as on a user's machine.
 */
class ShippedDataTest {
  @TempDir Path dir;

  static Path sharedData() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  static Path dataset(String name) {
    Path data = sharedData();
    Assumptions.assumeTrue(data != null && Files.isDirectory(data.resolve(name)),
        "skipped: ../shared/data/" + name + " is absent (real datasets are not shipped with Longview)");
    return data.resolve(name);
  }

  @Test
  void ml100k_gives100000Events943Users1682Items_andTwiceStill100000() throws Exception {
    Path ml = dataset("ml-100k");
    String db = dir.resolve("ml.db").toString();
    CliTest.Run first = CliTest.run("import", "--db", db, "--format", "movielens-100k",
        "--input", ml.toString(), "--json");
    assertThat(first.exit()).as(first.err()).isZero();
    JsonNode j = first.json();
    assertThat(j.get("events").asLong()).isEqualTo(100_000);
    assertThat(j.get("users").asLong()).isEqualTo(943);
    assertThat(j.get("items").asLong()).isEqualTo(1_682);
    assertThat(j.get("rejected").asLong()).isZero();

    JsonNode again = CliTest.run("import", "--db", db, "--format", "movielens-100k",
        "--input", ml.resolve("u.data").toString(), "--json").json();
    assertThat(again.get("imported").asLong()).isZero();
    assertThat(again.get("duplicates").asLong()).isEqualTo(100_000);
    assertThat(again.get("events").asLong()).isEqualTo(100_000);
  }

  @Test
  void onlineRetail_rejectsRowsWithoutCustomerByReason() throws Exception {
    Path retail = dataset("online-retail").resolve("online_retail.csv.gz");
    String db = dir.resolve("retail.db").toString();
    CliTest.Run r = CliTest.run("import", "--db", db, "--format", "online-retail",
        "--input", retail.toString(), "--json", "--rejects", dir.resolve("rej.csv").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("read").asLong()).isEqualTo(541_909);
    assertThat(j.get("rejectedByReason").get("missing_user_id").asLong()).isEqualTo(135_080);
    assertThat(j.get("users").asLong()).isEqualTo(4_372);
    assertThat(j.get("imported").asLong() + j.get("duplicates").asLong() + j.get("rejected").asLong())
        .isEqualTo(541_909);
  }
}
