package dev.longview.core;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One thing a user did: viewed, clicked, rated, bought, visited...
 *
 * <p>Events are facts; they are appended, never updated. The store deduplicates by
 * {@link #eventId} when the client supplies one, else by the natural key (every field: user,
 * item, type, time to the millisecond, value and context), so importing the same file twice stores each event once.
 *
 * @param userId external user id
 * @param itemId external item id, null for events without an item (a visit, a session start)
 * @param type event type name, one of the store's {@link EventTypes}
 * @param value optional number: the rating, a purchase's quantity (negative for a cancellation)
 * @param time when it happened, with the client's offset from UTC
 * @param context optional context; {@link EventContext#EMPTY} when none
 * @param eventId optional client-supplied id that makes re-sending idempotent
 */
public record Event(
    String userId,
    String itemId,
    String type,
    Double value,
    OffsetDateTime time,
    EventContext context,
    String eventId) {
  public Event {
    Ids.require(userId, "user id");
    if (itemId != null) {
      Ids.require(itemId, "item id");
    }
    Ids.require(type, "event type");
    Objects.requireNonNull(time, "time");
    if (value != null && (value.isNaN() || value.isInfinite())) {
      throw new IllegalArgumentException("event value " + value + " is not a finite number");
    }
    context = context == null ? EventContext.EMPTY : context;
    if (eventId != null) {
      Ids.require(eventId, "event id");
    }
  }

  /** An event with no value, context or client id. */
  public static Event of(String userId, String itemId, String type, OffsetDateTime time) {
    return new Event(userId, itemId, type, null, time, EventContext.EMPTY, null);
  }
}
