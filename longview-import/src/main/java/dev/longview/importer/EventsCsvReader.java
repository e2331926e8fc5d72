package dev.longview.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generic events in CSV (RFC 4180, UTF-8, a header row required). Columns are found by name:
 * {@code user_id} and {@code timestamp} are required, {@code item_id}, {@code type},
 * {@code value}, {@code event_id}, {@code session_id}, {@code device}, {@code query} and
 * {@code page} are optional; the request's column mapping renames them
 * ({@code user_id=customer}). Without a type column every row gets the request's default type.
 * Any other column becomes a string context attribute of the event (blank values are left out).
 * Times: see {@link Timestamps}.
 */
final class EventsCsvReader implements FormatReader {

  @Override
  public Path mainFile(Path input) {
    return FormatReader.fileOrFirstIn(input, "events-csv", "events.csv", "events.csv.gz");
  }

  @Override
  public void read(Path mainFile, ImportContext context) throws IOException {
    ImportRequest request = context.request();
    GenericEvents events = new GenericEvents(context);
    List<String> f = new ArrayList<>();
    try (LineSource lines = LineSource.open(mainFile, StandardCharsets.UTF_8, context.progress())) {
      CsvRecords records = new CsvRecords(lines);
      String name = lines.fileName();
      try {
        if (!records.next(f)) {
          throw new IllegalArgumentException(mainFile + " is empty; expected a header row like "
              + "user_id,item_id,type,timestamp");
        }
      } catch (RowProblem p) {
        throw new IllegalArgumentException(mainFile + " has a broken header: " + p.getMessage());
      }
      List<String> header = f.stream().map(String::trim).toList();
      int[] col = new int[ImportRequest.CANONICAL_COLUMNS.size()];
      for (int c = 0; c < col.length; c++) {
        String canonical = ImportRequest.CANONICAL_COLUMNS.get(c);
        String column = GenericEvents.columnName(request, canonical);
        col[c] = header.indexOf(column);
        if (col[c] < 0 && request.columns().containsKey(canonical)) {
          throw new IllegalArgumentException("column mapping " + canonical + "=" + column
              + " names a column that " + mainFile.getFileName() + " does not have; its columns are "
              + String.join(", ", header));
        }
      }
      require(col[0], "user_id", header, mainFile);
      require(col[4], "timestamp", header, mainFile);
      if (col[2] < 0 && request.defaultType() == null) {
        throw new IllegalArgumentException(mainFile.getFileName() + " has no type column (its columns are "
            + String.join(", ", header) + "); map one with type=NAME or give a default event type");
      }
      List<Integer> extra = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        int index = i;
        if (java.util.Arrays.stream(col).noneMatch(c -> c == index)) {
          extra.add(i);
        }
      }
      records.forEachRow(f, context, name, raw -> false, (row, raw, line) -> {
        if (row.size() != header.size()) {
          throw new RowProblem("wrong_column_count", "row has " + row.size() + " fields", raw,
              header.size() + " fields like the header");
        }
        Map<String, Object> attributes = Map.of();
        if (!extra.isEmpty()) {
          attributes = new LinkedHashMap<>();
          for (int i : extra) {
            if (!row.get(i).isBlank()) {
              attributes.put(header.get(i), row.get(i));
            }
          }
        }
        events.accept(name, line, raw, get(row, col[0]), get(row, col[1]),
            get(row, col[2]), get(row, col[3]), get(row, col[4]), get(row, col[5]), get(row, col[6]),
            get(row, col[7]), get(row, col[8]), get(row, col[9]), attributes);
      });
    }
  }

  private static String get(List<String> f, int index) {
    return index < 0 ? null : f.get(index);
  }

  private static void require(int index, String canonical, List<String> header, Path file) {
    if (index < 0) {
      throw new IllegalArgumentException(file.getFileName() + " has no " + canonical
          + " column (its columns are " + String.join(", ", header) + "); map yours with "
          + canonical + "=NAME");
    }
  }
}
