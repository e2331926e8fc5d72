package dev.longview.store;

import dev.longview.core.Event;
import dev.longview.core.EventType;
import dev.longview.core.EventTypes;
import dev.longview.core.Item;
import dev.longview.core.User;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The durable home of users, items and events.
 *
 * <p>Writes go through a {@link StoreWriter}, one transaction each: everything a writer was given
 * is stored on {@link StoreWriter#commit()}, or nothing is. A committed write survives a crash of
 * the process. Events are deduplicated (see {@link Event}), so re-sending them is safe.
 *
 * <p>Reads that return a {@link Stream} hold a database cursor: close the stream
 * (try-with-resources). Implementations are thread-safe; each call uses its own connection.
 */
public interface EventStore extends AutoCloseable {

  /**
   * Opens (and creates or migrates) a store. {@code location} is a JDBC URL
   * ({@code jdbc:sqlite:PATH}, {@code jdbc:postgresql://HOST:PORT/DB?user=...}) or a plain file
   * path, taken as an SQLite database.
   */
  static EventStore open(String location) {
    return JournaledEventStore.openDirect(location);
  }

  /**
   * Opens a store as {@link #open} does, with a durable ingest journal when {@code location} is
   * an SQLite file (the folder {@code FILE.ingest} beside it): {@link #ingest} then acknowledges a
   * batch once it is appended and forced to the journal (one force shared by concurrent batches),
   * and a background applier moves journaled events into the database in large transactions
   * sorted by user; every read waits for the applier to reach the journal position current at
   * the read, so it sees every acknowledged event. A crash loses nothing acknowledged: the next
   * open of the file (journaled or not) applies what the journal holds. One process at a time
   * may hold a file's journal. Other locations (PostgreSQL, in-memory SQLite) write directly.
   */
  static EventStore openJournaled(String location) {
    return JournaledEventStore.open(location);
  }

  /** "sqlite" or "postgresql". */
  String dialect();

  /** The event types this store accepts. */
  EventTypes eventTypes();

  /** Adds or replaces an event type. Existing events keep their type name. */
  void putEventType(EventType type);

  /** Starts a write transaction. */
  StoreWriter writer();

  /** Appends events in one transaction; see {@link StoreWriter#addEvent(Event)}. */
  default WriteSummary append(Collection<Event> events) {
    try (StoreWriter w = writer()) {
      for (Event e : events) {
        w.addEvent(e);
      }
      return w.commit();
    }
  }

  /**
   * Stores a batch of events durably, as {@link #append} does, and returns what it did (events
   * stored, duplicates of stored or earlier ingested events, users and items created). Through an
   * ingest journal ({@link #journaled()}) the events are durable when this returns and reach the
   * tables shortly after, which every read of this store waits for; else this is one transaction.
   *
   * @throws IllegalArgumentException when an event's type is unknown or needs an item it lacks;
   *     nothing of the batch is stored then
   */
  default WriteSummary ingest(List<Event> events) {
    return append(events);
  }

  /**
   * Checks that the database answers a query, without waiting for journaled events to be applied
   * (a readiness probe).
   *
   * @throws StoreException when it does not, or when the ingest journal's applier is failing
   */
  default void ping() {
    user("longview-readiness-probe");
  }

  /** Whether {@link #ingest} goes through a durable journal applied in the background. */
  default boolean journaled() {
    return false;
  }

  /**
   * Counters of the ingest journal, for metrics: {@code backlog_events} (acknowledged, not yet in
   * the tables), {@code applied_events_total}, {@code apply_transactions_total},
   * {@code apply_seconds_total}; empty without a journal.
   */
  default java.util.Map<String, Double> ingestStats() {
    return java.util.Map.of();
  }

  default void upsertUsers(Collection<User> users) {
    try (StoreWriter w = writer()) {
      users.forEach(w::putUser);
      w.commit();
    }
  }

  default void upsertItems(Collection<Item> items) {
    try (StoreWriter w = writer()) {
      items.forEach(w::putItem);
      w.commit();
    }
  }

  Optional<User> user(String userId);

  Optional<Item> item(String itemId);

  /** Events with {@code from <= time < to}, in time order (ties by insertion order). */
  Stream<Event> events(Instant from, Instant to);

  /** All events of one user in time order; empty when the user is unknown. */
  Stream<Event> eventsOfUser(String userId);

  /** Streams all users in insertion order. */
  Stream<User> users();

  /** Streams all items in insertion order. */
  Stream<Item> items();

  /** Totals: users, items, events, time range and events by type. */
  StoreCounts counts();

  /**
   * Deletes a user and all of their events in one transaction (privacy requests).
   *
   * @return the number of events deleted, or -1 when the user did not exist
   */
  long deleteUser(String userId);

  /**
   * Builds the in-memory training snapshot: every user and item, and one entry per event that
   * names an item and whose type gives it a non-zero weight. Streams from the database; no object
   * is created per event.
   */
  InteractionSnapshot snapshot();

  /**
   * Streams every user, item and event into {@code sink} in one consistent read, column by
   * column: dense indices instead of external ids per event, and of the context only the session
   * id and the numeric attributes {@code unitPrice}, {@code dollarValue} and {@code amount}
   * (extracted by the database). For analytics over all events; far cheaper than
   * {@link #events} because no {@link Event} is built per row.
   */
  void activity(ActivitySink sink);

  @Override
  void close();
}
