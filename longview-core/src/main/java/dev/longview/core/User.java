package dev.longview.core;

import java.time.Instant;
import java.util.Map;

/**
 * A user as the outside world knows it.
 *
 * @param id external id (see {@link Ids})
 * @param attributes profile attributes (country, age, ...), a JSON object
 * @param firstSeen time of the user's first event, or null when unknown; the store keeps it
 *     as the earliest of what it was told and the user's events
 */
public record User(String id, Map<String, Object> attributes, Instant firstSeen) {
  public User {
    Ids.require(id, "user id");
    attributes = Attributes.copyOf(attributes);
  }

  public static User of(String id) {
    return new User(id, Map.of(), null);
  }
}
