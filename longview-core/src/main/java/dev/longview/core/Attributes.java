package dev.longview.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-form attributes of users, items and events: a JSON object whose values are strings,
 * numbers, booleans, lists or nested objects. Copies are unmodifiable and keep insertion order.
 */
public final class Attributes {
  private Attributes() {}

  /** An unmodifiable deep copy of {@code attributes}; null becomes an empty map. */
  public static Map<String, Object> copyOf(Map<String, ?> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : attributes.entrySet()) {
      if (e.getKey() == null) {
        throw new IllegalArgumentException("attribute names must not be null");
      }
      if (e.getValue() != null) {
        copy.put(e.getKey(), copyValue(e.getKey(), e.getValue()));
      }
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(String key, Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, ?> m = (Map<String, ?>) map;
      return copyOf(m);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> copyValue(key, v)).toList();
    }
    throw new IllegalArgumentException("attribute \"" + key + "\" has a value of type "
        + value.getClass().getSimpleName() + "; use a string, number, boolean, list or object");
  }
}
