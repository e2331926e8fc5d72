package dev.longview.core;

import java.util.Map;

/**
 * Where and how an event happened. Every field is optional.
 *
 * @param sessionId client session identifier
 * @param device device class or name ("mobile", "desktop", ...)
 * @param query search query text that led to the event
 * @param page page or screen where the event happened
 * @param attributes any further context, a JSON object
 */
public record EventContext(
    String sessionId, String device, String query, String page, Map<String, Object> attributes) {
  public static final EventContext EMPTY = new EventContext(null, null, null, null, Map.of());

  public EventContext {
    attributes = Attributes.copyOf(attributes);
  }

  public boolean isEmpty() {
    return sessionId == null && device == null && query == null && page == null
        && attributes.isEmpty();
  }
}
