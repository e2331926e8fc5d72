package dev.longview.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generic events as JSON Lines: one JSON object per line (blank lines are skipped). Fields have
 * the names of {@link EventsCsvReader}'s columns, renamed by the request's mapping; ids and
 * times may be strings or numbers. {@code context} may be a nested object whose
 * {@code session_id} (or {@code sessionId}), {@code device}, {@code query} and {@code page} fill
 * the event context and whose other fields become context attributes; other top-level fields
 * become context attributes too, keeping their JSON types.
 */
final class EventsJsonlReader implements FormatReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Path mainFile(Path input) {
    return FormatReader.fileOrFirstIn(input, "events-jsonl", "events.jsonl", "events.jsonl.gz");
  }

  @Override
  public void read(Path mainFile, ImportContext context) throws IOException {
    ImportRequest request = context.request();
    GenericEvents events = new GenericEvents(context);
    String[] names = new String[ImportRequest.CANONICAL_COLUMNS.size()];
    for (int c = 0; c < names.length; c++) {
      names[c] = GenericEvents.columnName(request, ImportRequest.CANONICAL_COLUMNS.get(c));
    }
    try (LineSource lines = LineSource.open(mainFile, StandardCharsets.UTF_8, context.progress())) {
      String name = lines.fileName();
      lines.forEachRow(context, (line, number) -> row(line, names, name, number, events));
    }
  }

  private static void row(String line, String[] names, String file, long lineNumber,
      GenericEvents events) throws RowProblem {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new RowProblem("bad_json", "line is not valid JSON (" + e.getOriginalMessage() + ")",
          shorten(line), "one JSON object per line");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new RowProblem("bad_json", "line is not a JSON object", shorten(line),
          "one JSON object per line like {\"user_id\":\"u1\",...}");
    }
    String[] v = new String[names.length];
    for (int c = 0; c < names.length; c++) {
      v[c] = text(object.get(names[c]));
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    JsonNode nested = object.get("context");
    if (nested != null && !nested.isNull() && !java.util.Arrays.asList(names).contains("context")) {
      if (!nested.isObject()) {
        throw new RowProblem("bad_context", "context is not a JSON object", shorten(nested.toString()),
            "an object like {\"session_id\":\"s1\",\"device\":\"mobile\"}");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = nested.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        switch (e.getKey()) {
          case "session_id", "sessionId" -> v[6] = v[6] != null ? v[6] : text(e.getValue());
          case "device" -> v[7] = v[7] != null ? v[7] : text(e.getValue());
          case "query" -> v[8] = v[8] != null ? v[8] : text(e.getValue());
          case "page" -> v[9] = v[9] != null ? v[9] : text(e.getValue());
          default -> attributes.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (!key.equals("context") && !java.util.Arrays.asList(names).contains(key)) {
        attributes.put(key, JSON.convertValue(e.getValue(), Object.class));
      }
    }
    events.accept(file, lineNumber, line, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
        v[9], attributes);
  }

  /** A scalar's text (numbers without exponent), null for missing or JSON null. */
  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    if (node.isNumber()) {
      return node.decimalValue().toPlainString();
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    return node.toString();
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
