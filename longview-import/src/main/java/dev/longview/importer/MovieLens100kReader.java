package dev.longview.importer;

import dev.longview.core.EventContext;
import dev.longview.core.Ids;
import dev.longview.core.Item;
import dev.longview.core.User;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MovieLens 100K: {@code u.data} ({@code user \t item \t rating \t unix seconds}) becomes
 * {@code rating} events with the rating as value, at the UTC instant of the timestamp.
 *
 * <p>Beside it, when present (read before the ratings):
 * <ul>
 *   <li>{@code u.item} (ISO-8859-1, {@code id|title|release date|video date|IMDb URL|19 genre
 *       flags}): items with the title, the genres whose flag is 1 as categories (names from
 *       {@code u.genre} if present, else the fixed list of the dataset's README) and attributes
 *       {@code releaseDate} (ISO date) and {@code imdbUrl} when not blank;
 *   <li>{@code u.user} ({@code id|age|gender|occupation|zip}): users with attributes
 *       {@code age} (number), {@code gender}, {@code occupation}, {@code zip}.
 * </ul>
 * {@code --input} may name {@code u.data} or its folder.
 */
final class MovieLens100kReader implements FormatReader {
  private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;
  private static final DateTimeFormatter RELEASE_DATE =
      DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH);

  @Override
  public Path mainFile(Path input) {
    return FormatReader.fileOrFirstIn(input, "movielens-100k u.data", "u.data");
  }

  @Override
  public void read(Path mainFile, ImportContext context) throws IOException {
    Path folder = mainFile.toAbsolutePath().getParent();
    Path items = folder.resolve("u.item");
    if (Files.isRegularFile(items)) {
      readItems(items, genreNames(folder.resolve("u.genre")), context);
    }
    Path users = folder.resolve("u.user");
    if (Files.isRegularFile(users)) {
      readUsers(users, context);
    }
    readRatings(mainFile, context);
  }

  private static void readRatings(Path file, ImportContext context) throws IOException {
    List<String> f = new ArrayList<>(4);
    try (LineSource lines = LineSource.open(file, StandardCharsets.UTF_8, context.progress())) {
      String name = lines.fileName();
      lines.forEachRow(context, (line, number) -> {
        Fields.split(line, '\t', f);
        if (f.size() != 4) {
          throw new RowProblem("wrong_column_count", "row has " + f.size() + " fields", line,
              "4 tab-separated fields: user id, item id, rating, unix seconds");
        }
        String user = MovieLens.requireId(f.get(0), "user id");
        String item = MovieLens.requireId(f.get(1), "item id");
        double rating = MovieLens.rating(f.get(2));
        long seconds = MovieLens.unixSeconds(f.get(3));
        context.event(name, number, line, user, item, MovieLens.EVENT_TYPE, rating,
            Timestamps.ofEpochSecond(seconds), EventContext.EMPTY, null);
      });
    }
  }

  private static List<String> genreNames(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return MovieLens.GENRES_100K;
    }
    Map<Integer, String> byIndex = new java.util.TreeMap<>();
    for (String line : Files.readAllLines(file, LATIN_1)) {
      int bar = line.lastIndexOf('|');
      if (bar > 0) {
        long index = Values.parseLong(line.substring(bar + 1).trim(), -1);
        if (index >= 0) {
          byIndex.put((int) index, line.substring(0, bar));
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; byIndex.containsKey(i); i++) {
      names.add(byIndex.get(i));
    }
    return names.isEmpty() ? MovieLens.GENRES_100K : names;
  }

  private static void readItems(Path file, List<String> genres, ImportContext context)
      throws IOException {
    List<String> f = new ArrayList<>(24);
    try (LineSource lines = LineSource.open(file, LATIN_1, ProgressListener.NONE)) {
      String line;
      while ((line = lines.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Fields.split(line, '|', f);
        int flags = f.size() - 5;
        if (flags < 1 || flags > genres.size() || Ids.problem(f.get(0)) != null) {
          context.reject(lines.fileName(), lines.lineNumber(), line, "bad_item_row",
              "item row has " + f.size() + " fields", line,
              "id|title|release date|video release date|IMDb URL|" + genres.size() + " genre flags");
          continue;
        }
        List<String> categories = new ArrayList<>();
        for (int g = 0; g < flags; g++) {
          if (f.get(5 + g).equals("1")) {
            categories.add(genres.get(g));
          }
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        String released = f.get(2).trim();
        if (!released.isEmpty()) {
          try {
            attributes.put("releaseDate", LocalDate.parse(released, RELEASE_DATE).toString());
          } catch (DateTimeParseException e) {
            attributes.put("releaseDate", released);
          }
        }
        if (!f.get(4).isBlank()) {
          attributes.put("imdbUrl", f.get(4).trim());
        }
        String title = f.get(1).isBlank() ? null : f.get(1);
        context.putItem(new Item(f.get(0), categories, title, null, null, attributes, null, false));
      }
    }
  }

  private static void readUsers(Path file, ImportContext context) throws IOException {
    List<String> f = new ArrayList<>(5);
    try (LineSource lines = LineSource.open(file, LATIN_1, ProgressListener.NONE)) {
      String line;
      while ((line = lines.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Fields.split(line, '|', f);
        long age = f.size() == 5 ? Values.parseLong(f.get(1), -1) : -1;
        if (f.size() != 5 || Ids.problem(f.get(0)) != null || age < 0) {
          context.reject(lines.fileName(), lines.lineNumber(), line, "bad_user_row",
              "user row is malformed", line, "id|age|gender|occupation|zip with a whole-number age");
          continue;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("age", (int) age);
        putIfNotBlank(attributes, "gender", f.get(2));
        putIfNotBlank(attributes, "occupation", f.get(3));
        putIfNotBlank(attributes, "zip", f.get(4));
        context.putUser(new User(f.get(0), attributes, null));
      }
    }
  }

  static void putIfNotBlank(Map<String, Object> attributes, String key, String value) {
    if (value != null && !value.isBlank()) {
      attributes.put(key, value.trim());
    }
  }
}
