package dev.longview.importer;

import dev.longview.core.EventContext;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * The rules events-csv and events-jsonl share: one row's canonical fields to an event.
 * Keeps the last parsed timestamp, since consecutive rows often share it. One per import.
 */
final class GenericEvents {
  private final ImportContext context;
  private final ZoneId zone;
  private final String defaultType;
  private String lastTimeText;
  private OffsetDateTime lastTime;

  GenericEvents(ImportContext context) {
    this.context = context;
    this.zone = context.request().zone();
    this.defaultType = context.request().defaultType();
  }

  /** The file's name for a canonical column, after the request's mapping. */
  static String columnName(ImportRequest request, String canonical) {
    return request.columns().getOrDefault(canonical, canonical);
  }

  /** Builds and hands over one event; blank optional fields count as absent. */
  void accept(String file, long line, String raw, String user, String item, String type,
      String valueText, String timeText, String eventId, String session, String device,
      String query, String page, Map<String, Object> attributes) throws RowProblem {
    Double value = null;
    if (valueText != null && !valueText.isBlank()) {
      double v = Values.parseDouble(valueText.trim());
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw new RowProblem("bad_value", "value is not a finite number", valueText,
            "a number like 4 or -2.5, or nothing");
      }
      value = v;
    }
    if (timeText == null || timeText.isBlank()) {
      throw new RowProblem("missing_timestamp", "timestamp is missing", "", Timestamps.EXPECTED);
    }
    OffsetDateTime time;
    if (timeText.equals(lastTimeText)) {
      time = lastTime;
    } else {
      time = Timestamps.parse(timeText, zone);
      if (time == null) {
        throw new RowProblem("bad_timestamp", "timestamp is not a valid time", timeText,
            Timestamps.EXPECTED);
      }
      lastTimeText = timeText;
      lastTime = time;
    }
    String eventType = type == null || type.isBlank() ? defaultType : type.trim();
    EventContext eventContext = new EventContext(blankToNull(session), blankToNull(device),
        blankToNull(query), blankToNull(page), attributes);
    context.event(file, line, raw, user == null ? null : user.trim(), blankToNull(item),
        eventType, value, time, eventContext.isEmpty() ? EventContext.EMPTY : eventContext,
        blankToNull(eventId));
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
