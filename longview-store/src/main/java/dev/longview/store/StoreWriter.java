package dev.longview.store;

import dev.longview.core.Event;
import dev.longview.core.Item;
import dev.longview.core.User;

/**
 * One write transaction. Calls are buffered and sent in batches; {@link #commit()} makes all of
 * them durable at once; {@link #close()} without a commit rolls everything back. Not thread-safe:
 * one writer belongs to one thread.
 */
public interface StoreWriter extends AutoCloseable {

  /**
   * Inserts or updates a user. An update replaces the stored attributes when the given ones are
   * not empty, and keeps the earlier of the two first-seen times.
   */
  void putUser(User user);

  /** Inserts or replaces an item (the catalogue record). */
  void putItem(Item item);

  /**
   * Adds an event. Its user and item are created when unknown (with no attributes). A duplicate
   * of a stored event, or of one added earlier in this transaction, is counted and skipped.
   *
   * @throws IllegalArgumentException when the event's type is unknown to the store or the type
   *     needs an item and the event has none; nothing is added then
   */
  void addEvent(Event event);

  /**
   * Sends what is buffered (still uncommitted) and returns the counts of this transaction so far,
   * as {@link #commit()} would: the difference of two calls is what the calls between them did.
   */
  WriteSummary progress();

  /** Makes everything durable. The writer cannot be used afterwards. */
  WriteSummary commit();

  /** Rolls back unless committed. */
  @Override
  void close();
}
