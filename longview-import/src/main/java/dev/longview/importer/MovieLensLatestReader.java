package dev.longview.importer;

import dev.longview.core.EventContext;
import dev.longview.core.Ids;
import dev.longview.core.Item;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MovieLens "latest" (and latest-small, 20M, 25M...): {@code ratings.csv}
 * ({@code userId,movieId,rating,timestamp} with a header) becomes {@code rating} events at the
 * UTC instant of the unix-seconds timestamp. {@code movies.csv} beside it
 * ({@code movieId,title,genres}, RFC 4180 quoting, UTF-8) gives items with title and genres as
 * categories ({@code (no genres listed)} gives none). {@code tags.csv} and {@code links.csv} are
 * not read. {@code --input} may name {@code ratings.csv} or its folder.
 */
final class MovieLensLatestReader implements FormatReader {

  @Override
  public Path mainFile(Path input) {
    return FormatReader.fileOrFirstIn(input, "movielens-latest ratings.csv", "ratings.csv",
        "ratings.csv.gz");
  }

  @Override
  public void read(Path mainFile, ImportContext context) throws IOException {
    Path movies = mainFile.toAbsolutePath().getParent().resolve("movies.csv");
    if (Files.isRegularFile(movies)) {
      readMovies(movies, context);
    }
    readRatings(mainFile, context);
  }

  private static void readRatings(Path file, ImportContext context) throws IOException {
    List<String> f = new ArrayList<>(4);
    try (LineSource lines = LineSource.open(file, StandardCharsets.UTF_8, context.progress())) {
      CsvRecords records = new CsvRecords(lines);
      String name = lines.fileName();
      records.forEachRow(f, context, name, raw -> raw.startsWith("userId"), (row, raw, line) -> {
        if (row.size() != 4) {
          throw new RowProblem("wrong_column_count", "row has " + row.size() + " fields", raw,
              "4 fields: userId,movieId,rating,timestamp");
        }
        String user = MovieLens.requireId(row.get(0), "user id");
        String item = MovieLens.requireId(row.get(1), "item id");
        double rating = MovieLens.rating(row.get(2));
        long seconds = MovieLens.unixSeconds(row.get(3));
        context.event(name, line, raw, user, item, MovieLens.EVENT_TYPE, rating,
            Timestamps.ofEpochSecond(seconds), EventContext.EMPTY, null);
      });
    }
  }

  private static void readMovies(Path file, ImportContext context) throws IOException {
    List<String> f = new ArrayList<>(3);
    try (LineSource lines = LineSource.open(file, StandardCharsets.UTF_8, ProgressListener.NONE)) {
      CsvRecords records = new CsvRecords(lines);
      boolean first = true;
      while (true) {
        try {
          if (!records.next(f)) {
            break;
          }
        } catch (RowProblem p) {
          context.reject(lines.fileName(), records.recordLine(), records.raw(), p);
          break;
        }
        if (first) {
          first = false;
          if (records.raw().startsWith("movieId")) {
            continue;
          }
        }
        if (records.raw().isBlank()) {
          continue;
        }
        if (f.size() != 3 || Ids.problem(f.get(0)) != null) {
          context.reject(lines.fileName(), records.recordLine(), records.raw(), "bad_item_row",
              "movie row is malformed (" + f.size() + " fields)", records.raw(),
              "movieId,title,genres with the title in quotes when it has a comma");
          continue;
        }
        String title = f.get(1).isBlank() ? null : f.get(1);
        context.putItem(new Item(f.get(0), MovieLens.genres(f.get(2)), title, null, null,
            Map.of(), null, false));
      }
    }
  }
}
