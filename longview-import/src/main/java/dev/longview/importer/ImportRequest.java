package dev.longview.importer;

import dev.longview.core.EventTypes;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to import and how. Build one with {@link #of(String, Path)} and the {@code with...} methods.
 *
 * @param format format name, one of {@link Importer#formats()}
 * @param input the file to read, or the folder that holds it (MovieLens formats)
 * @param strict when true, the first bad row aborts the import with a {@link BadRowException}
 *     and nothing is committed; when false (the default) bad rows are skipped and counted
 * @param rejectsFile where to write every rejected row as CSV ({@code file,line,reason,message,
 *     original}); null writes no file. Created only when a row is rejected.
 * @param columns generic formats only: canonical column name to the file's column name, e.g.
 *     {@code user_id -> customer}; canonical names are {@link #CANONICAL_COLUMNS}
 * @param defaultType generic formats only: the event type of rows without a type column or
 *     value; null means the file must have one
 * @param zone zone of times written without an offset (online-retail's InvoiceDate, ISO local
 *     date-times in the generic formats); default UTC
 * @param eventTypes the event types the target store accepts; default {@link EventTypes#defaults()}
 */
public record ImportRequest(
    String format,
    Path input,
    boolean strict,
    Path rejectsFile,
    Map<String, String> columns,
    String defaultType,
    ZoneId zone,
    EventTypes eventTypes) {

  /** Column names the generic formats know; any other column goes to the context attributes. */
  public static final List<String> CANONICAL_COLUMNS = List.of(
      "user_id", "item_id", "type", "value", "timestamp", "event_id", "session_id", "device",
      "query", "page");

  public ImportRequest {
    if (format == null || format.isBlank()) {
      throw new IllegalArgumentException(
          "no import format given; use one of " + String.join(", ", Importer.formats()));
    }
    if (input == null) {
      throw new IllegalArgumentException("no input path given; pass the file or folder to import");
    }
    columns = columns == null ? Map.of() : Map.copyOf(columns);
    for (String key : columns.keySet()) {
      if (!CANONICAL_COLUMNS.contains(key)) {
        throw new IllegalArgumentException("column mapping names \"" + key
            + "\", which is not a known column; map one of " + String.join(", ", CANONICAL_COLUMNS)
            + " like user_id=customer");
      }
    }
    zone = zone == null ? ZoneOffset.UTC : zone;
    eventTypes = eventTypes == null ? EventTypes.defaults() : eventTypes;
    if (defaultType != null && !eventTypes.contains(defaultType)) {
      throw new IllegalArgumentException("default event type \"" + defaultType
          + "\" is unknown; use one of " + eventTypes.names());
    }
  }

  /** A lenient request with no rejects file, no column mapping, UTC and the default event types. */
  public static ImportRequest of(String format, Path input) {
    return new ImportRequest(format, input, false, null, Map.of(), null, null, null);
  }

  public ImportRequest withStrict(boolean strict) {
    return new ImportRequest(format, input, strict, rejectsFile, columns, defaultType, zone, eventTypes);
  }

  public ImportRequest withRejectsFile(Path rejectsFile) {
    return new ImportRequest(format, input, strict, rejectsFile, columns, defaultType, zone, eventTypes);
  }

  public ImportRequest withColumns(Map<String, String> columns) {
    return new ImportRequest(format, input, strict, rejectsFile, columns, defaultType, zone, eventTypes);
  }

  public ImportRequest withDefaultType(String defaultType) {
    return new ImportRequest(format, input, strict, rejectsFile, columns, defaultType, zone, eventTypes);
  }

  public ImportRequest withZone(ZoneId zone) {
    return new ImportRequest(format, input, strict, rejectsFile, columns, defaultType, zone, eventTypes);
  }

  public ImportRequest withEventTypes(EventTypes eventTypes) {
    return new ImportRequest(format, input, strict, rejectsFile, columns, defaultType, zone, eventTypes);
  }

  /**
   * Parses a column mapping written as {@code user_id=customer,item_id=sku}; blank gives an
   * empty mapping.
   */
  public static Map<String, String> parseColumns(String mapping) {
    Map<String, String> map = new LinkedHashMap<>();
    if (mapping == null || mapping.isBlank()) {
      return map;
    }
    for (String pair : mapping.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException("column mapping \"" + pair.trim()
            + "\" is not NAME=COLUMN; write it like user_id=customer,item_id=sku");
      }
      map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return map;
  }
}
