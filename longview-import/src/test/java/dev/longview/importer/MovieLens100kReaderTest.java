package dev.longview.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.Event;
import dev.longview.core.Item;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLens100kReaderTest {
  @TempDir Path dir;

  private static final String ZEROS_16 = "|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0";

  private void writeDataset() {
    Fixtures.write(dir, "u.data", String.join("\n",
        "1\t10\t4\t881250949",
        "1\t20\t5\t881250950",
        "2\t10\t3\t881250951",
        "2\t10\t3\t881250951",
        "3\t30\t6\t881250952",
        "3\t30\t4",
        "\t30\t4\t881250953",
        "3\t30\t4\tyesterday") + "\n");
    // item 10: flags 3,4,5 set (Animation, Children's, Comedy); item 20: no genre, Latin-1 title
    Fixtures.write(dir, "u.item", "10|Toy Story (1995)|01-Jan-1995||http://imdb/toy|0|0|0|1|1|1"
        + ZEROS_16.substring(0, ZEROS_16.length() - 6) + "\n"
        + "20|Café (1996)||||0|0|0" + ZEROS_16 + "\n", StandardCharsets.ISO_8859_1);
    Fixtures.write(dir, "u.user", "1|24|M|technician|85711\n2|53|F|other|94043\n4|30|M|writer|1234\n");
  }

  @Test
  void import_countsEventsDuplicatesAndRejects() {
    writeDataset();
    var result = Fixtures.run(ImportRequest.of("movielens-100k", dir));
    ImportReport report = result.report();

    assertThat(report.input()).isEqualTo(dir.resolve("u.data"));
    assertThat(report.read()).isEqualTo(8);
    assertThat(report.imported()).isEqualTo(3);
    assertThat(report.duplicates()).isEqualTo(1);
    assertThat(report.rejected()).isEqualTo(4);
    assertThat(report.rejectedByReason()).containsExactly(
        Map.entry("bad_rating", 1L), Map.entry("bad_timestamp", 1L),
        Map.entry("missing_user_id", 1L), Map.entry("wrong_column_count", 1L));
    assertThat(report.examples()).extracting(RejectedRow::line).containsExactly(5L, 6L, 7L, 8L);
    assertThat(report.users()).isEqualTo(3); // 1, 2 from events, 4 from u.user
    assertThat(report.usersWithEvents()).isEqualTo(2);
    assertThat(report.items()).isEqualTo(2); // 10, 20
    assertThat(report.itemsWithEvents()).isEqualTo(2);
    assertThat(result.writer().committed).isTrue();
  }

  @Test
  void ratings_becomeRatingEventsAtUtcInstant() {
    writeDataset();
    List<Event> events = Fixtures.run(ImportRequest.of("movielens-100k", dir.resolve("u.data")))
        .writer().events;

    assertThat(events.getFirst()).isEqualTo(new Event("1", "10", "rating", 4.0,
        OffsetDateTime.parse("1997-12-04T15:55:49Z"), null, null));
  }

  @Test
  void items_haveTitleGenresAndReleaseDate_usersHaveProfile() {
    writeDataset();
    var writer = Fixtures.run(ImportRequest.of("movielens-100k", dir)).writer();

    Item toyStory = writer.items.get("10");
    assertThat(toyStory.title()).isEqualTo("Toy Story (1995)");
    assertThat(toyStory.categories()).containsExactly("Animation", "Children's", "Comedy");
    assertThat(toyStory.attributes()).containsEntry("releaseDate", "1995-01-01")
        .containsEntry("imdbUrl", "http://imdb/toy");
    assertThat(writer.items.get("20").title()).isEqualTo("Café (1996)");
    assertThat(writer.items.get("20").categories()).isEmpty();
    assertThat(writer.users.get("4").attributes()).containsExactly(Map.entry("age", 30),
        Map.entry("gender", "M"), Map.entry("occupation", "writer"), Map.entry("zip", "1234"));
  }

  @Test
  void genreNames_comeFromUGenreWhenPresent() {
    writeDataset();
    StringBuilder genres = new StringBuilder();
    for (int g = 0; g < 19; g++) {
      genres.append("g").append(g).append('|').append(g).append('\n');
    }
    Fixtures.write(dir, "u.genre", genres + "\n");
    var writer = Fixtures.run(ImportRequest.of("movielens-100k", dir)).writer();

    assertThat(writer.items.get("10").categories()).containsExactly("g3", "g4", "g5");
  }

  @Test
  void strict_abortsOnFirstBadRow_withLineNumber() {
    writeDataset();
    RecordingStoreWriter writer = new RecordingStoreWriter();

    assertThatThrownBy(() -> Importer.run(ImportRequest.of("movielens-100k", dir).withStrict(true),
        writer, ProgressListener.NONE))
        .isInstanceOf(BadRowException.class)
        .hasMessage("line 5: rating is out of range, got \"6\", expected a number from 0.5 to 5");
    assertThat(writer.committed).isFalse();
  }

  @Test
  void folderWithoutUData_isRejectedWithTheFix() {
    assertThatThrownBy(() -> Fixtures.run(ImportRequest.of("movielens-100k", dir)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has none of u.data")
        .hasMessageContaining("pass the movielens-100k u.data file itself with --input");
  }
}
