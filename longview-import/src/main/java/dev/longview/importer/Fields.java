package dev.longview.importer;

import java.util.List;

/** Splitting of delimited lines without regular expressions. */
final class Fields {
  private Fields() {}

  /** Splits {@code line} at every {@code sep} into {@code out} (cleared first); keeps empty fields. */
  static void split(String line, char sep, List<String> out) {
    out.clear();
    int start = 0;
    int at;
    while ((at = line.indexOf(sep, start)) >= 0) {
      out.add(line.substring(start, at));
      start = at + 1;
    }
    out.add(line.substring(start));
  }

  /** Splits {@code line} at every occurrence of {@code sep} (e.g. "::") into {@code out}. */
  static void split(String line, String sep, List<String> out) {
    out.clear();
    int start = 0;
    int at;
    while ((at = line.indexOf(sep, start)) >= 0) {
      out.add(line.substring(start, at));
      start = at + sep.length();
    }
    out.add(line.substring(start));
  }
}
