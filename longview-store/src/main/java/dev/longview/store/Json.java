package dev.longview.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** JSON text for the attribute and category columns. Thread-safe. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  private Json() {}

  /** JSON text of a map, or null for an empty one (saves a column value per row). */
  static String write(Map<String, Object> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return null;
    }
    return text(attributes);
  }

  static String writeList(List<String> values) {
    return values == null || values.isEmpty() ? null : text(values);
  }

  private static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write attributes as JSON: " + e.getOriginalMessage(), e);
    }
  }

  static Map<String, Object> readMap(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return MAPPER.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored attributes are not valid JSON: " + json, e);
    }
  }

  static List<String> readList(String json) {
    if (json == null || json.isEmpty()) {
      return List.of();
    }
    try {
      return MAPPER.readValue(json, LIST);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored categories are not a valid JSON array: " + json, e);
    }
  }
}
