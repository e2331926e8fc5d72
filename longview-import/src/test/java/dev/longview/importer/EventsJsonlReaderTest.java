package dev.longview.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsJsonlReaderTest {
  @TempDir Path dir;

  @Test
  void objects_withNestedContextNumbersAndExtraFields() {
    Path file = Fixtures.write(dir, "events.jsonl", String.join("\n",
        "{\"user_id\":17850,\"item_id\":\"A\",\"type\":\"rating\",\"value\":4.5,"
            + "\"timestamp\":1322728560000,\"context\":{\"session_id\":\"s1\",\"device\":\"tv\","
            + "\"ab\":{\"arm\":2}},\"tags\":[\"x\"]}",
        "",
        "{\"user_id\":\"u2\",\"item_id\":\"A\",\"type\":\"view\",\"timestamp\":\"2011-12-01T08:26:00Z\"}")
        + "\n");
    var result = Fixtures.run(ImportRequest.of("events-jsonl", file));

    assertThat(result.report().read()).isEqualTo(2);
    assertThat(result.writer().events).containsExactly(
        new Event("17850", "A", "rating", 4.5, OffsetDateTime.parse("2011-12-01T08:36:00Z"),
            new EventContext("s1", "tv", null, null,
                Map.of("ab", Map.of("arm", 2), "tags", List.of("x"))), null),
        new Event("u2", "A", "view", null, OffsetDateTime.parse("2011-12-01T08:26:00Z"), null, null));
  }

  @Test
  void mapping_andBadJson() {
    Path file = Fixtures.write(dir, "e.jsonl", String.join("\n",
        "{\"who\":\"u1\",\"what\":\"A\",\"when\":\"2011-12-01T08:26:00\"}",
        "{\"who\":\"u1\",",
        "[1,2]") + "\n");
    var result = Fixtures.run(ImportRequest.of("events-jsonl", file)
        .withColumns(ImportRequest.parseColumns("user_id=who,item_id=what,timestamp=when"))
        .withDefaultType("click"));

    assertThat(result.writer().events).containsExactly(new Event("u1", "A", "click", null,
        OffsetDateTime.parse("2011-12-01T08:26:00Z"), null, null));
    assertThat(result.report().rejectedByReason()).containsExactly(Map.entry("bad_json", 2L));
    assertThat(result.report().examples()).extracting(RejectedRow::line).containsExactly(2L, 3L);
  }
}
