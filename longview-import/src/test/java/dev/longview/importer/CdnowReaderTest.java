package dev.longview.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdnowReaderTest {
  @TempDir Path dir;

  static final String LOG = String.join("\r\n",
      "customer_id date number_of_cds dollar_value",
      "   00001 19970101  1   11.77",
      "   00002 19970112  1   12.00",
      "   00002 19970112  1   12.00",
      "   00002 19970112  5   77.00",
      "   00003 19970231  2   20.00",
      "   00003 19970302  x   20.00",
      "   00003 19970302  2",
      "   00003 19970302  0   0.00",
      "") ;

  @Test
  void lines_becomePurchases_sameCustomerDayLinesKeptApart() {
    Fixtures.write(dir, "CDNOW_master.txt", LOG);
    var result = Fixtures.run(ImportRequest.of("cdnow", dir));
    ImportReport report = result.report();

    assertThat(report.read()).isEqualTo(8);
    assertThat(report.imported()).isEqualTo(4);
    assertThat(report.duplicates()).isZero(); // identical lines 3 and 4 are two purchases
    assertThat(report.rejectedByReason()).containsExactly(Map.entry("bad_quantity", 2L),
        Map.entry("bad_timestamp", 1L), Map.entry("wrong_column_count", 1L));
    var events = result.writer().events;
    assertThat(events.get(0)).isEqualTo(new Event("00001", "cd", "purchase", 1.0,
        OffsetDateTime.parse("1997-01-01T00:00:00Z"),
        new EventContext(null, null, null, null, Map.of("dollarValue", 11.77)),
        "cdnow-00001-19970101-1"));
    assertThat(events).extracting(Event::eventId).containsExactly("cdnow-00001-19970101-1",
        "cdnow-00002-19970112-1", "cdnow-00002-19970112-2", "cdnow-00002-19970112-3");
    assertThat(events.get(3).value()).isEqualTo(5.0);
  }

  @Test
  void zone_setsTheLocalMidnight() {
    Fixtures.write(dir, "CDNOW_master.txt", LOG);
    var request = ImportRequest.of("cdnow", dir.resolve("CDNOW_master.txt"));
    request = new ImportRequest(request.format(), request.input(), request.strict(),
        request.rejectsFile(), request.columns(), request.defaultType(), ZoneId.of("America/New_York"),
        request.eventTypes());
    var events = Fixtures.run(request).writer().events;
    assertThat(events.get(0).time()).isEqualTo(OffsetDateTime.parse("1997-01-01T00:00:00-05:00"));
  }
}
