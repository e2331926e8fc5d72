package dev.longview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longview.store.EventStore;
import dev.longview.store.StoreCounts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code longview} command end to end, on a real SQLite store in a temporary folder. */
class CliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  private String db() {
    return dir.resolve("lv.db").toString();
  }

  private StoreCounts counts() {
    try (EventStore s = EventStore.open(db())) {
      return s.counts();
    }
  }

  @Test
  void demo_importsTheShop_andASecondRunChangesNothing() throws Exception {
    Run first = run("demo", "--db", db(), "--users", "150", "--days", "60", "--json");
    assertThat(first.exit()).as(first.err()).isZero();
    JsonNode j = first.json();
    long events = j.get("events").asLong();
    assertThat(events).isPositive().isEqualTo(j.get("imported").asLong());
    assertThat(j.get("users").asLong()).isEqualTo(150);
    assertThat(j.get("interactions").asLong()).isPositive();

    Run second = run("demo", "--db", db(), "--users", "150", "--days", "60", "--json");
    assertThat(second.json().get("imported").asLong()).isZero();
    assertThat(second.json().get("duplicates").asLong()).isEqualTo(events);
    assertThat(counts().events()).isEqualTo(events);
  }

  @Test
  void demo_humanOutput_saysWhatHappened() {
    Run r = run("demo", "--db", db(), "--users", "100", "--days", "30", "--no-serve");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Longview demo").contains("training snapshot")
        .contains("trained [ials (ready), itemknn (ready), pop (ready)]").contains("next: ./longview stats");
  }

  @Test
  void importEventsCsv_lenient_skipsBadRowsByReason_andStats_reportsTotals() throws Exception {
    Path csv = dir.resolve("events.csv");
    Files.writeString(csv, """
        user_id,item_id,type,timestamp,value
        u1,i1,view,2024-01-01T10:00:00Z,
        u1,i2,purchase,2024-01-01T10:05:00Z,2
        ,i3,view,2024-01-01T10:06:00Z,
        u2,i1,rating,2024-01-02T09:00:00Z,4
        """);
    Run r = run("import", "--db", db(), "--format", "events-csv", "--input", csv.toString(), "--json",
        "--rejects", dir.resolve("rejects.csv").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("read").asLong()).isEqualTo(4);
    assertThat(j.get("imported").asLong()).isEqualTo(3);
    assertThat(j.get("rejected").asLong()).isEqualTo(1);
    assertThat(j.get("events").asLong()).isEqualTo(3);
    assertThat(j.get("users").asLong()).isEqualTo(2);
    assertThat(j.get("items").asLong()).isEqualTo(2);
    assertThat(j.get("rejectedByReason").size()).isEqualTo(1);
    assertThat(j.get("examples").get(0).get("line").asLong()).isEqualTo(4);
    assertThat(Files.readString(dir.resolve("rejects.csv"))).contains("events.csv");

    Run stats = run("stats", "--db", db(), "--json");
    JsonNode s = stats.json();
    assertThat(s.get("events").asLong()).isEqualTo(3);
    assertThat(s.get("firstEvent").asText()).isEqualTo("2024-01-01T10:00:00Z");
    assertThat(s.get("eventsByType").get("purchase").asLong()).isEqualTo(1);
  }

  @Test
  void importStrict_stopsAtTheFirstBadRow_withItsLine_andWritesNothing() throws Exception {
    Path good = dir.resolve("good.csv");
    Files.writeString(good, "user_id,item_id,type,timestamp\nu0,i0,view,2024-01-01T00:00:00Z\n");
    assertThat(run("import", "--db", db(), "--format", "events-csv", "--input", good.toString()).exit()).isZero();
    StoreCounts before = counts();

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, """
        user_id,item_id,type,timestamp
        u1,i1,view,2024-01-01T10:00:00Z
        u2,i2,view,2011-13-01
        u3,i3,view,2024-01-01T10:00:00Z
        """);
    Run r = run("import", "--db", db(), "--format", "events-csv", "--input", bad.toString(), "--strict");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("line 3:").contains("\"2011-13-01\"").contains("nothing was imported");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void importDryRun_checksAndCountsButWritesNothing() throws Exception {
    Path csv = dir.resolve("dry.csv");
    Files.writeString(csv, "user_id,item_id,type,timestamp\nu1,i1,view,2024-01-01T00:00:00Z\n"
        + "u2,i2,fly,2024-01-01T00:00:00Z\n");
    Run r = run("import", "--db", db(), "--format", "events-csv", "--input", csv.toString(),
        "--dry-run", "--json", "--rejects", dir.resolve("r.csv").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("imported").asLong()).isEqualTo(1);
    assertThat(r.json().get("rejected").asLong()).isEqualTo(1);
    assertThat(r.json().get("dryRun").asBoolean()).isTrue();
    assertThat(counts().events()).isZero();
  }

  @Test
  void import_unknownFormat_listsTheKnownOnes() {
    Run r = run("import", "--db", db(), "--format", "parquet", "--input", "x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown import format \"parquet\"").contains("movielens-100k");
  }

  @Test
  void deleteUser_removesTheUserAndTheirEvents_unknownUserExits4() throws Exception {
    run("demo", "--db", db(), "--users", "50", "--days", "30", "--no-serve");
    String user;
    try (EventStore s = EventStore.open(db()); var users = s.users()) {
      user = users.findFirst().orElseThrow().id();
    }
    long before = counts().events();
    Run r = run("delete-user", "--db", db(), user, "--json");
    assertThat(r.exit()).isZero();
    long deleted = r.json().get("eventsDeleted").asLong();
    assertThat(counts().events()).isEqualTo(before - deleted);
    try (EventStore s = EventStore.open(db()); var events = s.eventsOfUser(user)) {
      assertThat(events.count()).isZero();
    }
    Run again = run("delete-user", "--db", db(), user);
    assertThat(again.exit()).isEqualTo(4);
    assertThat(again.err()).contains("does not exist");
  }

  @Test
  void eventTypes_set_thenUsableByImport() throws Exception {
    assertThat(run("event-types", "set", "share", "--weight", "4", "--db", db()).exit()).isZero();
    Run list = run("event-types", "list", "--db", db(), "--json");
    assertThat(list.out()).contains("\"share\"");
    Run bad = run("event-types", "set", "boost", "--weight", "1", "--polarity", "sideways", "--db", db());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--polarity \"sideways\" is not one of positive, negative, neutral");

    Path csv = dir.resolve("share.csv");
    Files.writeString(csv, "user_id,item_id,type,timestamp\nu1,i1,share,2024-01-01T00:00:00Z\n");
    Run r = run("import", "--db", db(), "--format", "events-csv", "--input", csv.toString(), "--json");
    assertThat(r.json().get("imported").asLong()).isEqualTo(1);
  }

  @Test
  void snapshot_reportsSizeAndBytesPerInteraction() throws Exception {
    run("demo", "--db", db(), "--users", "80", "--days", "30", "--no-serve");
    Run r = run("snapshot", "--db", db(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("interactions").asLong()).isPositive();
    assertThat(r.json().get("bytesPerInteraction").asDouble()).isBetween(8.0, 16.0);
  }

  @Test
  void readCommands_onAMissingDatabase_sayHowToCreateOne_andCreateNothing() {
    Run r = run("stats", "--db", db());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no database at " + db()).contains("longview demo");
    assertThat(Files.exists(Path.of(db()))).isFalse();
  }

  @Test
  void stats_onAPostgresUrlThatCannotBeReached_isADatabaseError() {
    Run r = run("stats", "--db", "jdbc:postgresql://127.0.0.1:1/nothing?user=x&connectTimeout=2");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).startsWith("database error: cannot open the database");
  }
}
