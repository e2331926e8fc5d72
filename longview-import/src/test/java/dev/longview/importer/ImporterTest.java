package dev.longview.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
  @TempDir Path dir;

  private Path eventsWithBadRows() {
    return Fixtures.write(dir, "events.csv", String.join("\n",
        "user_id,item_id,type,timestamp",
        "u1,i1,view,2011-12-01T08:26:00Z",
        "u1,i2,view,2011-13-01",
        "u1,\"i,3\",bogus,2011-12-01T08:26:00Z",
        "u1,i4,view,2011-12-01T08:27:00Z") + "\n");
  }

  @Test
  void formats_areListedInOrder() {
    assertThat(Importer.formats()).containsExactly("movielens-100k", "movielens-1m",
        "movielens-latest", "online-retail", "events-csv", "events-jsonl", "cdnow");
  }

  @Test
  void unknownFormat_listsTheKnownOnes() {
    assertThatThrownBy(() -> Fixtures.run(ImportRequest.of("netflix", dir)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown import format \"netflix\"; use one of movielens-100k, movielens-1m, "
            + "movielens-latest, online-retail, events-csv, events-jsonl, cdnow");
  }

  @Test
  void missingInput_saysSo() {
    assertThatThrownBy(() -> Fixtures.run(ImportRequest.of("events-csv", dir.resolve("nope.csv"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.csv does not exist");
  }

  @Test
  void strict_abortsOnFirstBadRow_withLineNumber_andCommitsNothing() {
    RecordingStoreWriter writer = new RecordingStoreWriter();
    Path rejects = dir.resolve("rejects.csv");
    ImportRequest request = ImportRequest.of("events-csv", eventsWithBadRows())
        .withStrict(true).withRejectsFile(rejects);

    assertThatThrownBy(() -> Importer.run(request, writer, ProgressListener.NONE))
        .isInstanceOf(BadRowException.class)
        .hasMessage("line 3: timestamp is not a valid time, got \"2011-13-01\", expected ISO-8601 "
            + "like 2011-12-01T08:26:00Z or unix seconds or milliseconds")
        .satisfies(e -> {
          RejectedRow row = ((BadRowException) e).row();
          assertThat(row.line()).isEqualTo(3);
          assertThat(row.reason()).isEqualTo("bad_timestamp");
          assertThat(row.file()).isEqualTo("events.csv");
        });
    // the first row was handed to the writer, but the importer never committed it
    assertThat(writer.events).hasSize(1);
    assertThat(writer.committed).isFalse();
    assertThat(rejects).doesNotExist();
  }

  @Test
  void lenient_writesEveryRejectToTheRejectsFile() throws IOException {
    Path rejects = dir.resolve("out/rejects-events-csv.csv");
    ImportReport report = Fixtures.run(ImportRequest.of("events-csv", eventsWithBadRows())
        .withRejectsFile(rejects)).report();

    assertThat(report.rejectsFile()).isEqualTo(rejects);
    assertThat(Files.readAllLines(rejects, StandardCharsets.UTF_8)).containsExactly(
        "file,line,reason,message,original",
        "events.csv,3,bad_timestamp,\"line 3: timestamp is not a valid time, got \"\"2011-13-01\"\", "
            + "expected ISO-8601 like 2011-12-01T08:26:00Z or unix seconds or milliseconds\","
            + "\"u1,i2,view,2011-13-01\"",
        "events.csv,4,unknown_event_type,\"line 4: event type is unknown, got \"\"bogus\"\", "
            + "expected one of view, click, rating, like, dislike, add_to_cart, purchase, "
            + "impression, visit, session_start (declare new ones with `longview event-types set`)\","
            + "\"u1,\"\"i,3\"\",bogus,2011-12-01T08:26:00Z\"");
  }

  @Test
  void cleanImport_writesNoRejectsFile() {
    Path file = Fixtures.write(dir, "events.csv", "user_id,item_id,type,timestamp\nu,i,view,1\n");
    Path rejects = dir.resolve("rejects.csv");
    ImportReport report = Fixtures.run(ImportRequest.of("events-csv", file)
        .withRejectsFile(rejects)).report();

    assertThat(report.rejectsFile()).isNull();
    assertThat(rejects).doesNotExist();
  }

  @Test
  void examples_keepTheFirstFivePerReason_countsKeepAll() {
    StringBuilder csv = new StringBuilder("user_id,item_id,type,timestamp\n");
    for (int i = 0; i < 8; i++) {
      csv.append("u,i,view,never\n");
    }
    csv.append("u,i,bogus,1\n");
    ImportReport report = Fixtures.run(ImportRequest.of("events-csv",
        Fixtures.write(dir, "events.csv", csv.toString()))).report();

    assertThat(report.rejected()).isEqualTo(9);
    assertThat(report.rejectedByReason()).containsEntry("bad_timestamp", 8L);
    assertThat(report.examples()).extracting(RejectedRow::line).containsExactly(2L, 3L, 4L, 5L, 6L, 10L);
  }

  @Test
  void progress_endsAtTheFileSize_countingCompressedBytesForGzip() throws IOException {
    StringBuilder csv = new StringBuilder("user_id,item_id,type,timestamp\n");
    for (int i = 0; i < 40_000; i++) {
      csv.append("u").append(i % 97).append(",i").append(i).append(",view,").append(1_300_000_000 + i)
          .append('\n');
    }
    Path file = Fixtures.writeGzip(dir, "events.csv.gz", csv.toString().getBytes(StandardCharsets.UTF_8));
    List<long[]> calls = new ArrayList<>();
    RecordingStoreWriter writer = new RecordingStoreWriter();
    ImportReport report = Importer.run(ImportRequest.of("events-csv", file), writer,
        (read, total) -> calls.add(new long[] {read, total}));

    long size = Files.size(file);
    assertThat(report.imported()).isEqualTo(40_000);
    assertThat(calls.size()).isGreaterThanOrEqualTo(3); // every 16,384 lines and at the end
    assertThat(calls).allSatisfy(c -> assertThat(c[1]).isEqualTo(size));
    assertThat(calls.getLast()[0]).isEqualTo(size);
    for (int i = 1; i < calls.size(); i++) {
      assertThat(calls.get(i)[0]).isGreaterThanOrEqualTo(calls.get(i - 1)[0]);
    }
  }

  @Test
  void request_validatesItself() {
    assertThatThrownBy(() -> ImportRequest.of("events-csv", dir).withDefaultType("teleport"))
        .hasMessageStartingWith("default event type \"teleport\" is unknown; use one of view,");
    assertThatThrownBy(() -> ImportRequest.of("events-csv", dir)
        .withColumns(ImportRequest.parseColumns("customer=user_id")))
        .hasMessageContaining("column mapping names \"customer\", which is not a known column");
    assertThatThrownBy(() -> ImportRequest.parseColumns("user_id"))
        .hasMessage("column mapping \"user_id\" is not NAME=COLUMN; write it like user_id=customer,item_id=sku");
  }
}
