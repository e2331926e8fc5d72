package dev.longview.importer;

import dev.longview.core.EventContext;
import dev.longview.core.Ids;
import dev.longview.core.Item;
import dev.longview.core.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MovieLens 1M: {@code ratings.dat} ({@code UserID::MovieID::Rating::Timestamp}) or the
 * timestamp-less {@code ratings_no_timestamp.dat} ({@code UserID::MovieID::Rating}) become
 * {@code rating} events.
 *
 * <p><b>Times of timestamp-less files.</b> Whether a file has timestamps is decided by its first
 * data row (4 or 3 fields); later rows must have the same number. Without timestamps, the event
 * time is {@code 2000-01-01T00:00:00Z} plus the row's 1-based line number in seconds: it keeps the
 * file's order, and it is deterministic, so importing the file again finds every event a duplicate.
 * Such times are not real; do not use them for time-ordered splits.
 *
 * <p>Beside it, when present: {@code movies.dat} ({@code MovieID::Title::Genres}, ISO-8859-1,
 * genres '|'-separated) gives items with title and genres as categories; {@code users.dat}
 * ({@code UserID::Gender::Age::Occupation::Zip-code}) gives users with attributes {@code gender},
 * {@code age} (the dataset's age-group code: 1 means under 18, 18 means 18-24, ..., 56 means 56+),
 * {@code occupation} (the README's name for the code) and {@code zip}.
 *
 * <p>{@code --input} may name the ratings file or the folder; in a folder {@code ratings.dat} is
 * preferred to {@code ratings_no_timestamp.dat}.
 */
final class MovieLens1mReader implements FormatReader {
  /** Time of line 0 of a timestamp-less file: line N happens N seconds later. */
  static final OffsetDateTime NO_TIMESTAMP_EPOCH = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private static final long NO_TIMESTAMP_EPOCH_SECONDS = NO_TIMESTAMP_EPOCH.toEpochSecond();

  @Override
  public Path mainFile(Path input) {
    return FormatReader.fileOrFirstIn(input, "movielens-1m ratings", "ratings.dat",
        "ratings_no_timestamp.dat");
  }

  @Override
  public void read(Path mainFile, ImportContext context) throws IOException {
    Path folder = mainFile.toAbsolutePath().getParent();
    Path movies = folder.resolve("movies.dat");
    if (Files.isRegularFile(movies)) {
      readMovies(movies, context);
    }
    Path users = folder.resolve("users.dat");
    if (Files.isRegularFile(users)) {
      readUsers(users, context);
    }
    readRatings(mainFile, context);
  }

  private static void readRatings(Path file, ImportContext context) throws IOException {
    List<String> f = new ArrayList<>(4);
    int[] columns = {0}; // decided by the first data row: 3 or 4 fields
    try (LineSource lines = LineSource.open(file, StandardCharsets.UTF_8, context.progress())) {
      String name = lines.fileName();
      lines.forEachRow(context, (line, lineNumber) -> {
        Fields.split(line, "::", f);
        if (columns[0] == 0 && (f.size() == 3 || f.size() == 4)) {
          columns[0] = f.size();
        }
        if (f.size() != columns[0]) {
          throw new RowProblem("wrong_column_count", "row has " + f.size() + " fields", line,
              columns[0] == 3 ? "UserID::MovieID::Rating like the file's first row"
                  : "UserID::MovieID::Rating::Timestamp");
        }
        String user = MovieLens.requireId(f.get(0), "user id");
        String item = MovieLens.requireId(f.get(1), "item id");
        double rating = MovieLens.rating(f.get(2));
        long seconds = columns[0] == 4
            ? MovieLens.unixSeconds(f.get(3))
            : NO_TIMESTAMP_EPOCH_SECONDS + lineNumber;
        context.event(name, lineNumber, line, user, item, MovieLens.EVENT_TYPE, rating,
            Timestamps.ofEpochSecond(seconds), EventContext.EMPTY, null);
      });
    }
  }

  private static void readMovies(Path file, ImportContext context) throws IOException {
    List<String> f = new ArrayList<>(3);
    try (LineSource lines = LineSource.open(file, StandardCharsets.ISO_8859_1, ProgressListener.NONE)) {
      String line;
      while ((line = lines.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Fields.split(line, "::", f);
        if (f.size() != 3 || Ids.problem(f.get(0)) != null) {
          context.reject(lines.fileName(), lines.lineNumber(), line, "bad_item_row",
              "movie row is malformed", line, "MovieID::Title::Genres");
          continue;
        }
        String title = f.get(1).isBlank() ? null : f.get(1);
        context.putItem(new Item(f.get(0), MovieLens.genres(f.get(2)), title, null, null,
            Map.of(), null, false));
      }
    }
  }

  private static void readUsers(Path file, ImportContext context) throws IOException {
    List<String> f = new ArrayList<>(5);
    try (LineSource lines = LineSource.open(file, StandardCharsets.ISO_8859_1, ProgressListener.NONE)) {
      String line;
      while ((line = lines.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Fields.split(line, "::", f);
        long age = f.size() == 5 ? Values.parseLong(f.get(2), -1) : -1;
        long occupation = f.size() == 5 ? Values.parseLong(f.get(3), -1) : -1;
        if (f.size() != 5 || Ids.problem(f.get(0)) != null || age < 0 || occupation < 0) {
          context.reject(lines.fileName(), lines.lineNumber(), line, "bad_user_row",
              "user row is malformed", line,
              "UserID::Gender::Age::Occupation::Zip-code with numeric age and occupation codes");
          continue;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        MovieLens100kReader.putIfNotBlank(attributes, "gender", f.get(1));
        attributes.put("age", (int) age);
        attributes.put("occupation", occupation < MovieLens.OCCUPATIONS_1M.size()
            ? MovieLens.OCCUPATIONS_1M.get((int) occupation) : Long.toString(occupation));
        MovieLens100kReader.putIfNotBlank(attributes, "zip", f.get(4));
        context.putUser(new User(f.get(0), attributes, null));
      }
    }
  }
}
