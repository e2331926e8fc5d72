package dev.longview.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCsvReaderTest {
  @TempDir Path dir;

  @Test
  void defaultColumns_withContextAndExtraColumnsAsAttributes() {
    Path file = Fixtures.write(dir, "events.csv", String.join("\n",
        "user_id,item_id,type,value,timestamp,event_id,session_id,device,query,page,campaign",
        "u1,i1,view,,2011-12-01T08:26:00Z,,s1,mobile,red shoes,search,xmas",
        "u1,i1,purchase,2,2011-12-01T09:26:00+01:00,e-7,s1,,,,",
        "u2,,visit,,1322728560,,,,,,") + "\n");
    var result = Fixtures.run(ImportRequest.of("events-csv", file));

    assertThat(result.report().imported()).isEqualTo(3);
    assertThat(result.writer().events).containsExactly(
        new Event("u1", "i1", "view", null, OffsetDateTime.parse("2011-12-01T08:26:00Z"),
            new EventContext("s1", "mobile", "red shoes", "search", Map.of("campaign", "xmas")), null),
        new Event("u1", "i1", "purchase", 2.0, OffsetDateTime.parse("2011-12-01T09:26:00+01:00"),
            new EventContext("s1", null, null, null, Map.of()), "e-7"),
        new Event("u2", null, "visit", null, OffsetDateTime.parse("2011-12-01T08:36:00Z"),
            EventContext.EMPTY, null));
  }

  @Test
  void columnMapping_andDefaultType_readAShopExport() {
    Path file = Fixtures.write(dir, "orders.csv", "customer,sku,ts\nc1,A,2011-12-01 08:26:00\n");
    var result = Fixtures.run(ImportRequest.of("events-csv", file)
        .withColumns(ImportRequest.parseColumns("user_id=customer,item_id=sku,timestamp=ts"))
        .withDefaultType("purchase"));

    assertThat(result.writer().events).containsExactly(new Event("c1", "A", "purchase", null,
        OffsetDateTime.parse("2011-12-01T08:26:00Z"), null, null));
  }

  @Test
  void missingColumn_failsBeforeReading_withTheFix() {
    Path file = Fixtures.write(dir, "orders.csv", "customer,sku,ts,type\nc1,A,2011-12-01 08:26:00,view\n");

    assertThatThrownBy(() -> Fixtures.run(ImportRequest.of("events-csv", file)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("orders.csv has no user_id column (its columns are customer, sku, ts, type); "
            + "map yours with user_id=NAME");
    assertThatThrownBy(() -> Fixtures.run(ImportRequest.of("events-csv", file)
        .withColumns(Map.of("user_id", "client"))))
        .hasMessageContaining("column mapping user_id=client names a column that orders.csv does not have");
  }

  @Test
  void noTypeColumn_andNoDefaultType_isAnError() {
    Path file = Fixtures.write(dir, "e.csv", "user_id,item_id,timestamp\nu,i,1\n");

    assertThatThrownBy(() -> Fixtures.run(ImportRequest.of("events-csv", file)))
        .hasMessageContaining("has no type column")
        .hasMessageContaining("give a default event type");
  }

  @Test
  void badRows_areRejectedByReasonWithLineNumbers() {
    Path file = Fixtures.write(dir, "events.csv", String.join("\n",
        "user_id,item_id,type,value,timestamp",
        "u1,i1,view,,2011-12-01T08:26:00Z",
        "u1,i1,teleport,,2011-12-01T08:26:00Z",
        "u1,i1,view,,2011-13-01",
        "u1,,view,,2011-12-01T08:26:00Z",
        "u1,i1,rating,NaN,2011-12-01T08:26:00Z",
        "u1,i1,view",
        ",i1,view,,2011-12-01T08:26:00Z",
        "u1,i1,view,,2011-12-01T08:26:00Z") + "\n");
    ImportReport report = Fixtures.run(ImportRequest.of("events-csv", file)).report();

    assertThat(report.read()).isEqualTo(8);
    assertThat(report.imported()).isEqualTo(1);
    assertThat(report.duplicates()).isEqualTo(1);
    assertThat(report.rejectedByReason()).containsExactly(
        Map.entry("bad_timestamp", 1L), Map.entry("bad_value", 1L),
        Map.entry("missing_item_id", 1L), Map.entry("missing_user_id", 1L),
        Map.entry("unknown_event_type", 1L), Map.entry("wrong_column_count", 1L));
    assertThat(report.examples()).extracting(RejectedRow::line)
        .containsExactlyInAnyOrder(3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(report.examples()).extracting(RejectedRow::message).contains(
        "line 4: timestamp is not a valid time, got \"2011-13-01\", expected ISO-8601 like "
            + "2011-12-01T08:26:00Z or unix seconds or milliseconds",
        "line 3: event type is unknown, got \"teleport\", expected one of view, click, rating, "
            + "like, dislike, add_to_cart, purchase, impression, visit, session_start "
            + "(declare new ones with `longview event-types set`)");
  }

  @Test
  void quotedFieldsWithCommasNewlinesAndQuotes_areOneField() {
    Path file = Fixtures.write(dir, "events.csv", "user_id,item_id,type,timestamp,query\n"
        + "u1,i1,view,1322728560,\"red, \"\"big\"\"\nshoes\"\n"
        + "u2,i1,view,1322728560,plain\n");
    var result = Fixtures.run(ImportRequest.of("events-csv", file));

    assertThat(result.writer().events).extracting(e -> e.context().query())
        .containsExactly("red, \"big\"\nshoes", "plain");
    assertThat(result.report().read()).isEqualTo(2);
  }

  @Test
  void utf8Bom_isSkipped() {
    Path file = dir.resolve("events.csv");
    try {
      java.nio.file.Files.write(file, ("\uFEFFuser_id,item_id,type,timestamp\nu1,i1,view,1322728560\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(Fixtures.run(ImportRequest.of("events-csv", file)).report().imported()).isEqualTo(1);
  }
}
