package dev.longview.importer;

import java.util.List;

/**
 * RFC 4180 records over a {@link LineSource}: fields separated by commas, optionally enclosed in
 * double quotes; inside quotes a doubled quote is one quote and commas and line breaks are data.
 * A record whose quotes span several lines is returned whole, with the number of its first line.
 * Lenient where the RFC is silent: a quote inside an unquoted field is kept as data, and text
 * after a closing quote is appended to the field.
 */
final class CsvRecords {
  private final LineSource lines;
  private final StringBuilder field = new StringBuilder();
  private long recordLine;
  private String raw;

  CsvRecords(LineSource lines) {
    this.lines = lines;
  }

  /**
   * Reads the next record into {@code out} (cleared first). Returns false at the end of input.
   *
   * @throws RowProblem when the input ends inside a quoted field (reason {@code unterminated_quote})
   */
  boolean next(List<String> out) throws RowProblem {
    String line = lines.next();
    if (line == null) {
      return false;
    }
    recordLine = lines.lineNumber();
    raw = line;
    if (line.indexOf('"') < 0) {
      Fields.split(line, ',', out);
      return true;
    }
    out.clear();
    field.setLength(0);
    boolean quoted = false;
    boolean fieldStart = true;
    int i = 0;
    StringBuilder whole = null;
    while (true) {
      if (i >= line.length()) {
        if (!quoted) {
          break;
        }
        String more = lines.next();
        if (more == null) {
          throw new RowProblem("unterminated_quote", "a quoted field is never closed",
              truncate(field.toString()), "a closing \" before the end of the file");
        }
        if (whole == null) {
          whole = new StringBuilder(line);
        }
        whole.append('\n').append(more);
        field.append('\n');
        line = more;
        i = 0;
        continue;
      }
      char c = line.charAt(i++);
      if (quoted) {
        if (c == '"') {
          if (i < line.length() && line.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        continue;
      } else if (c == '"' && fieldStart) {
        quoted = true;
      } else {
        field.append(c);
      }
      fieldStart = false;
    }
    out.add(field.toString());
    if (whole != null) {
      raw = whole.toString();
    }
    return true;
  }

  /** Line number of the first line of the record last returned. */
  long recordLine() {
    return recordLine;
  }

  /** The text of the record last returned, as in the file (lines joined by \n). */
  String raw() {
    return raw;
  }

  /** Handles one data row; a {@link RowProblem} rejects the row. */
  interface RowHandler {
    void row(List<String> fields, String raw, long line) throws RowProblem;
  }

  /**
   * Reads every remaining record into {@code fields} and hands it to {@code handler}, the loop
   * every CSV format shares: blank records are skipped; a first record that {@code isHeader}
   * accepts is skipped too; every other record counts as read; a row the handler rejects, and a
   * broken record (the file ends inside quotes, which also ends the file), go to
   * {@link ImportContext#reject}.
   */
  void forEachRow(List<String> fields, ImportContext context, String file,
      java.util.function.Predicate<String> isHeader, RowHandler handler) {
    boolean first = true;
    while (true) {
      try {
        if (!next(fields)) {
          return;
        }
      } catch (RowProblem p) {
        context.rowRead();
        context.reject(file, recordLine, raw, p);
        return;
      }
      if (first) {
        first = false;
        if (isHeader.test(raw)) {
          continue;
        }
      }
      if (raw.isBlank()) {
        continue;
      }
      context.rowRead();
      try {
        handler.row(fields, raw, recordLine);
      } catch (RowProblem p) {
        context.reject(file, recordLine, raw, p);
      }
    }
  }

  private static String truncate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
