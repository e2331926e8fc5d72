package dev.longview.importer;

import java.util.ArrayList;
import java.util.List;

/** What the MovieLens readers share: the rating range, rating parsing and genre lists. */
final class MovieLens {
  static final double MIN_RATING = 0.5;
  static final double MAX_RATING = 5.0;
  static final String RATING_EXPECTED = "a number from 0.5 to 5";
  static final String EVENT_TYPE = "rating";

  /** u.genre of ml-100k, used when the file is not beside u.item. */
  static final List<String> GENRES_100K = List.of("unknown", "Action", "Adventure", "Animation",
      "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror",
      "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

  /** Occupation codes of ml-1m's users.dat, from its README. */
  static final List<String> OCCUPATIONS_1M = List.of("other", "academic/educator", "artist",
      "clerical/admin", "college/grad student", "customer service", "doctor/health care",
      "executive/managerial", "farmer", "homemaker", "K-12 student", "lawyer", "programmer",
      "retired", "sales/marketing", "scientist", "self-employed", "technician/engineer",
      "tradesman/craftsman", "unemployed", "writer");

  private MovieLens() {}

  static double rating(String text) throws RowProblem {
    double r = Values.parseDouble(text);
    if (Double.isNaN(r)) {
      throw new RowProblem("bad_rating", "rating is not a number", text, RATING_EXPECTED);
    }
    if (r < MIN_RATING || r > MAX_RATING) {
      throw new RowProblem("bad_rating", "rating is out of range", text, RATING_EXPECTED);
    }
    return r;
  }

  static long unixSeconds(String text) throws RowProblem {
    long t = Values.parseLong(text, Long.MIN_VALUE);
    if (t == Long.MIN_VALUE || t < 0 || t >= Timestamps.MILLIS_THRESHOLD) {
      throw new RowProblem("bad_timestamp", "timestamp is not a valid time", text,
          "unix seconds like 881250949");
    }
    return t;
  }

  static String requireId(String text, String what) throws RowProblem {
    if (text.isEmpty()) {
      throw new RowProblem("missing_" + what.replace(' ', '_'), what + " is missing", text,
          "a " + what);
    }
    return text;
  }

  /** Genres from a '|'-separated list; "(no genres listed)" and blanks give none. */
  static List<String> genres(String text) {
    List<String> out = new ArrayList<>();
    if (text.isEmpty() || text.equals("(no genres listed)")) {
      return out;
    }
    Fields.split(text, '|', out);
    out.removeIf(String::isBlank);
    return out;
  }
}
