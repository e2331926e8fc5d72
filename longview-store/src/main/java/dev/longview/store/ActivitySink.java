package dev.longview.store;

import java.time.Instant;
import java.util.Map;

/**
 * Receives the column-only read of a store made by {@link EventStore#activity(ActivitySink)}:
 * first every user, then every item, then every event, each event naming its user and item by
 * the dense index (the order of the {@link #user} and {@link #item} calls) instead of an external
 * id, and carrying only the columns analytics need (no event object, no context JSON parsed in
 * Java).
 *
 * <p>Called on the reading thread, one call at a time; a runtime exception thrown by a method
 * aborts the read and reaches the caller of {@code activity}.
 */
public interface ActivitySink {

  /**
   * One user, in insertion order; its dense index is the number of earlier calls.
   *
   * @param firstSeen null when the store does not know it
   */
  void user(String id, Instant firstSeen, Map<String, Object> attributes);

  /**
   * One item, in insertion order; its dense index is the number of earlier calls.
   *
   * @param price the catalogue price, NaN when none
   */
  void item(String id, double price);

  /**
   * One event, in insertion order (not time order: sort by {@code timeMs}, ties in call order,
   * to get the order of {@link EventStore#events}).
   *
   * @param user dense user index
   * @param item dense item index, -1 when the event has no item
   * @param type the event type's name (the same String instance for every event of a type)
   * @param value NaN when the event has none
   * @param session the context's session id (an invoice for online-retail), null when none
   * @param unitPrice the context attribute {@code unitPrice} when it is a number, else NaN
   * @param amount the context attribute {@code dollarValue} when the context has that key and
   *     it is a number; when the key is absent, the attribute {@code amount} when it is a
   *     number; else NaN
   */
  void event(int user, int item, String type, long timeMs, double value, String session,
      double unitPrice, double amount);
}
