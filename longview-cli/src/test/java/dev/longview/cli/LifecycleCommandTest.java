package dev.longview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.core.User;
import dev.longview.store.EventStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code longview lifecycle} on a real SQLite store holding the lifecycle module's hand-computed
 * fixture: active days in January 2024 A {1,2,4}, B {1,2} (first seen Dec 31), C {5} (first seen
 * Jan 3 by an impression), D {7}, G {6} (and Nov 15), F Dec 25, E Nov 1.
 */
class LifecycleCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  static CliTest.Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliTest.Run(exit, out.toString(), err.toString());
  }

  private static Event e(String user, String time, String type, Double value, String invoice,
      String item, Double unitPrice) {
    EventContext c = new EventContext(invoice, null, null, null,
        unitPrice == null ? Map.of() : Map.of("unitPrice", unitPrice));
    return new Event(user, item, type, value, OffsetDateTime.parse(time), c, null);
  }

  String fixtureDb() {
    String db = dir.resolve("fixture.db").toString();
    List<Event> events = new ArrayList<>();
    events.add(e("A", "2024-01-01T10:00:00Z", "purchase", 2.0, "I1", "x", 5.0));
    events.add(e("A", "2024-01-01T10:00:00Z", "purchase", 1.0, "I1", "y", 10.0));
    events.add(e("A", "2024-01-02T08:00:00Z", "view", null, null, "x", null));
    events.add(e("A", "2024-01-04T12:00:00Z", "purchase", 1.0, "I2", "z", 3.0));
    events.add(e("A", "2024-01-08T10:00:00Z", "purchase", 1.0, "I9", "z", 3.0));
    events.add(e("B", "2024-01-01T07:00:00Z", "visit", null, null, null, null));
    events.add(e("B", "2024-01-02T09:00:00Z", "purchase", 4.0, "I3", "x", 2.5));
    events.add(e("B", "2024-01-02T15:00:00Z", "purchase", -4.0, "C3", "x", 2.5));
    events.add(e("C", "2024-01-03T09:00:00Z", "impression", null, null, "x", null));
    events.add(e("C", "2024-01-05T09:00:00Z", "view", null, null, "x", null));
    events.add(e("D", "2024-01-07T09:00:00Z", "visit", null, null, null, null));
    events.add(e("D", "2024-01-07T09:05:00Z", "add_to_cart", null, null, "y", null));
    events.add(e("E", "2023-11-01T09:00:00Z", "view", null, null, "x", null));
    events.add(e("F", "2023-12-01T09:00:00Z", "view", null, null, "x", null));
    events.add(e("F", "2023-12-25T09:00:00Z", "view", null, null, "x", null));
    events.add(e("G", "2023-11-15T09:00:00Z", "view", null, null, "x", null));
    events.add(e("G", "2024-01-06T09:00:00Z", "view", null, null, "y", null));
    try (EventStore store = EventStore.open(db)) {
      store.upsertUsers(List.of(new User("A", Map.of("country", "UK"), null),
          new User("B", Map.of("country", "FR"), Instant.parse("2023-12-31T10:00:00Z"))));
      store.append(events);
    }
    return db;
  }

  @Test
  void json_dailyTableStatesAndRetention_matchTheHandComputedFixture() throws Exception {
    CliTest.Run r = run("lifecycle", "--db", fixtureDb(), "--interval", "day", "--as-of",
        "2024-01-08T00:00:00Z", "--periods", "7", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());

    assertThat(j.get("interval").asText()).isEqualTo("day");
    List<String> rows = new ArrayList<>();
    for (JsonNode p : j.get("periods")) {
      rows.add(p.get("start").asText() + " " + p.get("new").asInt() + " " + p.get("returning").asInt()
          + " " + p.get("resurrecting").asInt() + " " + p.get("dormant").asInt());
    }
    assertThat(rows).containsExactly("2024-01-01 1 0 1 0", "2024-01-02 0 2 0 0",
        "2024-01-03 0 0 0 -2", "2024-01-04 0 0 1 0", "2024-01-05 0 0 1 -1",
        "2024-01-06 0 0 1 -1", "2024-01-07 1 0 0 -1");
    JsonNode states = j.get("states");
    assertThat(states.get("loyal").asInt()).isEqualTo(1);
    assertThat(states.get("converted").asInt()).isEqualTo(1);
    assertThat(states.get("new").asInt()).isEqualTo(1);
    assertThat(states.get("activated").asInt()).isEqualTo(1);
    assertThat(states.get("churned").asInt()).isEqualTo(1);
    assertThat(states.get("dormant").asInt()).isEqualTo(1);
    assertThat(states.get("resurrected").asInt()).isEqualTo(1);
    JsonNode first = j.get("retention").get("cohorts").get(0);
    assertThat(first.get("start").asText()).isEqualTo("2024-01-01");
    assertThat(first.get("size").asInt()).isEqualTo(2);
    assertThat(first.get("values").toString()).isEqualTo("[1.0,1.0,0.0,0.5,0.0,0.0,0.0]");
    assertThat(j.get("commerce").get("orders").asLong()).isEqualTo(2);
    assertThat(j.get("commerce").get("revenue").asDouble()).isEqualTo(23.0);
    assertThat(j.get("activeUsers").get("mau").asInt()).isEqualTo(6);
  }

  @Test
  void table_isHumanReadable_andWeeklyDefaultsAsOfToTheEndOfTheData() {
    CliTest.Run r = run("lifecycle", "--db", fixtureDb(), "--interval", "week", "--periods", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    // the default as-of is just after A's Jan 8 purchase: the week of Jan 8 is the last row
    assertThat(r.out()).contains("start", "resurrecting", "user states:", "retention (first-time")
        .contains("2024-01-01", "2024-01-08");
  }

  @Test
  void splitBy_country_givesEachSegmentItsOwnTableAndCommerce() throws Exception {
    CliTest.Run r = run("lifecycle", "--db", fixtureDb(), "--interval", "week", "--as-of",
        "2024-01-08T00:00:00Z", "--periods", "1", "--split-by", "country", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode seg = JSON.readTree(r.out()).get("segments");

    // A is UK, B is FR, the rest have no country
    assertThat(seg.get("UK").get("periods").get(0).get("new").asInt()).isEqualTo(1);
    assertThat(seg.get("UK").get("commerce").get("orders").asLong()).isEqualTo(2);
    assertThat(seg.get("FR").get("periods").get(0).get("resurrecting").asInt()).isEqualTo(1);
    assertThat(seg.get("FR").get("commerce").get("orders").asLong()).isZero();
    assertThat(seg.get("(none)").get("periods").get(0).get("new").asInt()).isEqualTo(2); // C, D
    assertThat(seg.get("(none)").get("mau").asInt()).isEqualTo(4); // C, D, F, G

    CliTest.Run table = run("lifecycle", "--db", fixtureDb(), "--interval", "week", "--split-by",
        "country");
    assertThat(table.out()).contains("by country", "UK", "FR");
  }

  @Test
  void user_showsStateStageAndDailyHistory() throws Exception {
    CliTest.Run r = run("lifecycle", "--db", fixtureDb(), "--interval", "day", "--as-of",
        "2024-01-08T00:00:00Z", "--user", "A", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode u = JSON.readTree(r.out()).get("user");

    assertThat(u.get("state").asText()).isEqualTo("loyal");
    assertThat(u.get("stage").asText()).isEqualTo("loyalty");
    // converted on Jan 1 (first order), loyal after the second order on Jan 4
    assertThat(u.get("history").toString()).isEqualTo("[{\"at\":\"2024-01-02T00:00:00Z\",\"from\":null,"
        + "\"to\":\"converted\"},{\"at\":\"2024-01-05T00:00:00Z\",\"from\":\"converted\",\"to\":\"loyal\"}]");
    CliTest.Run unknown = run("lifecycle", "--db", fixtureDb(), "--interval", "day", "--user", "Z");
    assertThat(unknown.exit()).isEqualTo(2);
  }

  @Test
  void mistakes_exitWith2_andSayHowToFixThem() {
    String db = fixtureDb();
    CliTest.Run badInterval = run("lifecycle", "--db", db, "--interval", "year");
    assertThat(badInterval.exit()).isEqualTo(2);
    assertThat(badInterval.err()).contains("use day, week or month");
    CliTest.Run badZone = run("lifecycle", "--db", db, "--interval", "day", "--zone", "Mars/Base");
    assertThat(badZone.exit()).isEqualTo(2);
    CliTest.Run badAsOf = run("lifecycle", "--db", db, "--interval", "day", "--as-of", "yesterday");
    assertThat(badAsOf.exit()).isEqualTo(2);
    assertThat(badAsOf.err()).contains("2011-12-10T00:00:00Z");
    CliTest.Run noDb = run("lifecycle", "--db", dir.resolve("none.db").toString(), "--interval", "day");
    assertThat(noDb.exit()).isEqualTo(2);
  }
}
