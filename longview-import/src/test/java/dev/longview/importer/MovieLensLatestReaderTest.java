package dev.longview.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensLatestReaderTest {
  @TempDir Path dir;

  @Test
  void ratingsAndQuotedMovieTitles() {
    Fixtures.write(dir, "ratings.csv", "userId,movieId,rating,timestamp\n"
        + "1,1,4.0,964982703\n"
        + "1,11,0.5,964981247\n"
        + "2,11,0.0,964981248\n"
        + "2,11,5.5,964981249\n");
    Fixtures.write(dir, "movies.csv", "movieId,title,genres\n"
        + "1,Toy Story (1995),Adventure|Animation\n"
        + "11,\"American President, The (1995)\",Comedy|Drama|Romance\n"
        + "12,\"Say \"\"Hi\"\" (2000)\",(no genres listed)\n");
    var result = Fixtures.run(ImportRequest.of("movielens-latest", dir));
    ImportReport report = result.report();

    assertThat(report.read()).isEqualTo(4); // header excluded
    assertThat(report.imported()).isEqualTo(2);
    assertThat(report.rejectedByReason()).containsExactly(Map.entry("bad_rating", 2L));
    assertThat(report.examples()).extracting(RejectedRow::line).containsExactly(4L, 5L);
    assertThat(report.items()).isEqualTo(3);
    assertThat(report.itemsWithEvents()).isEqualTo(2);
    assertThat(result.writer().events.get(1).value()).isEqualTo(0.5);
    assertThat(result.writer().items.get("11").title()).isEqualTo("American President, The (1995)");
    assertThat(result.writer().items.get("11").categories()).containsExactly("Comedy", "Drama", "Romance");
    assertThat(result.writer().items.get("12").title()).isEqualTo("Say \"Hi\" (2000)");
    assertThat(result.writer().items.get("12").categories()).isEmpty();
  }
}
