package dev.longview.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineRetailReaderTest {
  @TempDir Path dir;

  static final String CSV = String.join("\n",
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
      "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
      "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom",
      "C536379,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-1,12/1/2010 9:41,2.75,17850,United Kingdom",
      "536381,82567,\"AIRLINE LOUNGE,METAL SIGN\",2,2010-12-01 09:41:00,2.1,15311,France",
      "536382,22041,RECORD FRAME,48,2010-12-01 12:27:00,2.1,,United Kingdom",
      "536383,22041,RECORD FRAME,0,2010-12-01 12:27:00,2.1,15311,France",
      "A563185,B,Adjust bad debt,1,2011-08-12 14:50:00,-11062.06,15311,United Kingdom",
      "536384,22041,RECORD FRAME,3,2010-13-01 12:27:00,2.1,15311,France",
      "536385,22041,RECORD FRAME,x,2010-12-01 12:27:00,2.1,15311,France",
      "C536386,82567,\"AIRLINE LOUNGE,METAL SIGN\",2,2010-12-02 10:00:00,2.1,15311,France") + "\n";

  @Test
  void rows_becomePurchases_withRejectsByReason() {
    Fixtures.write(dir, "online_retail.csv", CSV);
    var result = Fixtures.run(ImportRequest.of("online-retail", dir));
    ImportReport report = result.report();

    assertThat(report.read()).isEqualTo(10);
    assertThat(report.imported()).isEqualTo(4);
    assertThat(report.duplicates()).isEqualTo(1); // line 3 repeats line 2 once 17850.0 is 17850
    assertThat(report.rejected()).isEqualTo(5);
    assertThat(report.rejectedByReason()).containsExactly(
        Map.entry("bad_quantity", 1L), Map.entry("bad_timestamp", 1L),
        Map.entry("missing_user_id", 1L), Map.entry("negative_price", 1L),
        Map.entry("zero_quantity", 1L));
    assertThat(report.examples()).extracting(RejectedRow::message).contains(
        "line 6: CustomerID is missing, got \"\", expected a customer id (rows without one cannot be attributed to a user)",
        "line 9: InvoiceDate is not a valid time, got \"2010-13-01 12:27:00\", expected a date like 2010-12-01 08:26:00 or 12/1/2010 8:26");
    assertThat(report.users()).isEqualTo(2);
    assertThat(report.items()).isEqualTo(2);
  }

  @Test
  void cancellation_isNegativePurchase_withInvoiceAsSession() {
    Fixtures.write(dir, "online_retail.csv", CSV);
    var events = Fixtures.run(ImportRequest.of("online-retail", dir)).writer().events;

    assertThat(events.get(1)).isEqualTo(new Event("17850", "85123A", "purchase", -1.0,
        OffsetDateTime.parse("2010-12-01T09:41:00Z"),
        new EventContext("C536379", null, null, null, Map.of("unitPrice", 2.75)), null));
    // a C invoice with a positive quantity is still a cancellation
    assertThat(events.get(3).value()).isEqualTo(-2.0);
  }

  @Test
  void items_getLatestPriceAndDescription_usersGetCountry() {
    Fixtures.write(dir, "online_retail.csv", CSV);
    var writer = Fixtures.run(ImportRequest.of("online-retail", dir)).writer();

    assertThat(writer.items.get("85123A").price()).isEqualTo(2.75);
    assertThat(writer.items.get("85123A").title()).isEqualTo("WHITE HANGING HEART T-LIGHT HOLDER");
    assertThat(writer.items.get("82567").title()).isEqualTo("AIRLINE LOUNGE,METAL SIGN");
    assertThat(writer.items.get("82567").categories()).isEmpty();
    assertThat(writer.users.get("15311").attributes()).containsExactly(Map.entry("country", "France"));
  }

  @Test
  void gzip_isDetectedByMagicBytes_notByName() {
    Fixtures.writeGzip(dir, "retail.csv", CSV.getBytes(StandardCharsets.UTF_8));
    ImportReport report = Fixtures.run(ImportRequest.of("online-retail", dir.resolve("retail.csv")))
        .report();

    assertThat(report.read()).isEqualTo(10);
    assertThat(report.imported()).isEqualTo(4);
  }

  @Test
  void zone_appliesToInvoiceDates() {
    Fixtures.write(dir, "online_retail.csv", String.join("\n",
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
        "563185,B,Thing,1,6/12/2011 14:50,1.5,15311,United Kingdom") + "\n");
    var events = Fixtures.run(ImportRequest.of("online-retail", dir)
        .withZone(ZoneId.of("Europe/London"))).writer().events;

    assertThat(events.getFirst().time()).isEqualTo(OffsetDateTime.parse("2011-06-12T14:50:00+01:00"));
  }
}
