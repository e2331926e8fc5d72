package dev.longview.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLens1mReaderTest {
  @TempDir Path dir;

  @Test
  void timestampLessFile_usesYear2000PlusLineNumberSeconds() {
    Fixtures.write(dir, "ratings_no_timestamp.dat", "1::1193::5\n1::661::3\n2::1193::4\n");
    var result = Fixtures.run(ImportRequest.of("movielens-1m", dir));

    assertThat(result.writer().events).extracting(Event::time).containsExactly(
        OffsetDateTime.parse("2000-01-01T00:00:01Z"),
        OffsetDateTime.parse("2000-01-01T00:00:02Z"),
        OffsetDateTime.parse("2000-01-01T00:00:03Z"));
    assertThat(result.writer().events.get(2)).isEqualTo(new Event("2", "1193", "rating", 4.0,
        OffsetDateTime.parse("2000-01-01T00:00:03Z"), null, null));
    assertThat(result.report().imported()).isEqualTo(3);
  }

  @Test
  void timestampLessFile_reimportedIntoSameTransaction_isAllDuplicates() {
    Path file = Fixtures.write(dir, "ratings_no_timestamp.dat", "1::1193::5\n1::661::3\n");
    RecordingStoreWriter writer = new RecordingStoreWriter();
    // Two imports into one writer stand for a re-import into the same store.
    ImportRequest request = ImportRequest.of("movielens-1m", file);
    var context = new ImportContext(request, writer, file, ProgressListener.NONE);
    var reader = new MovieLens1mReader();
    try {
      reader.read(file, context);
      reader.read(file, context);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    var summary = writer.commit();

    assertThat(summary.eventsStored()).isEqualTo(2);
    assertThat(summary.duplicates()).isEqualTo(2);
  }

  @Test
  void folder_prefersRatingsDat_andReadsMoviesAndUsers() {
    Fixtures.write(dir, "ratings_no_timestamp.dat", "9::9::1\n");
    Fixtures.write(dir, "ratings.dat", "1::1193::5::978300760\n1::661::x::978302109\n1::661::3\n");
    Fixtures.write(dir, "movies.dat", "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n"
        + "661::Amélie (2001)::Comedy|Romance\n", StandardCharsets.ISO_8859_1);
    Fixtures.write(dir, "users.dat", "1::F::1::10::48067\n2::M::56::16::70072\n");
    var result = Fixtures.run(ImportRequest.of("movielens-1m", dir));
    ImportReport report = result.report();

    assertThat(report.input()).isEqualTo(dir.resolve("ratings.dat"));
    assertThat(report.read()).isEqualTo(3);
    assertThat(report.imported()).isEqualTo(1);
    assertThat(report.rejectedByReason()).containsExactly(
        Map.entry("bad_rating", 1L), Map.entry("wrong_column_count", 1L));
    assertThat(report.examples()).extracting(RejectedRow::message).containsExactly(
        "line 2: rating is not a number, got \"x\", expected a number from 0.5 to 5",
        "line 3: row has 3 fields, got \"1::661::3\", expected UserID::MovieID::Rating::Timestamp");
    assertThat(result.writer().events.getFirst().time())
        .isEqualTo(OffsetDateTime.parse("2000-12-31T22:12:40Z"));
    assertThat(result.writer().items.get("661").title()).isEqualTo("Amélie (2001)");
    assertThat(result.writer().items.get("661").categories()).containsExactly("Comedy", "Romance");
    assertThat(result.writer().users.get("1").attributes()).containsExactly(
        Map.entry("gender", "F"), Map.entry("age", 1), Map.entry("occupation", "K-12 student"),
        Map.entry("zip", "48067"));
    assertThat(report.users()).isEqualTo(2);
    assertThat(report.items()).isEqualTo(2);
  }
}
