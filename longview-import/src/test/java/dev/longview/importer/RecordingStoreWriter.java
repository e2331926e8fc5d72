package dev.longview.importer;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.core.EventTypes;
import dev.longview.core.Item;
import dev.longview.core.User;
import dev.longview.store.StoreWriter;
import dev.longview.store.WriteSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory fake of {@link StoreWriter} for tests, deduplicating events as the store does:
 * by event id when present, else by the natural key as the store defines it: every field (user,
 * item, type, instant to the millisecond, value and the whole context).
 * Records what was added; after {@link #commit()} the writer refuses further use.
 */
final class RecordingStoreWriter implements StoreWriter {
  record NaturalKey(String userId, String itemId, String type, long epochMilli, Double value,
      EventContext context) {}

  final Map<String, User> users = new LinkedHashMap<>();
  final Map<String, Item> items = new LinkedHashMap<>();
  final List<Event> events = new ArrayList<>();
  private final Set<Object> keys = new HashSet<>();
  private final EventTypes types = EventTypes.defaults();
  private long offered;
  private long usersCreated;
  private long itemsCreated;
  boolean committed;
  boolean closed;

  @Override
  public void putUser(User user) {
    checkOpen();
    User old = users.get(user.id());
    if (old == null) {
      usersCreated++;
      users.put(user.id(), user);
    } else if (!user.attributes().isEmpty()) {
      users.put(user.id(), new User(user.id(), user.attributes(), old.firstSeen()));
    }
  }

  @Override
  public void putItem(Item item) {
    checkOpen();
    if (items.put(item.id(), item) == null) {
      itemsCreated++;
    }
  }

  @Override
  public void addEvent(Event event) {
    checkOpen();
    String problem = types.problem(event);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    offered++;
    Object key = event.eventId() != null
        ? event.eventId()
        : new NaturalKey(event.userId(), event.itemId(), event.type(),
            event.time().toInstant().toEpochMilli(), event.value(), event.context());
    if (!keys.add(key)) {
      return;
    }
    events.add(event);
    if (!users.containsKey(event.userId())) {
      users.put(event.userId(), User.of(event.userId()));
      usersCreated++;
    }
    if (event.itemId() != null && !items.containsKey(event.itemId())) {
      items.put(event.itemId(), Item.of(event.itemId()));
      itemsCreated++;
    }
  }

  @Override
  public WriteSummary progress() {
    checkOpen();
    return new WriteSummary(offered, events.size(), offered - events.size(), usersCreated,
        itemsCreated);
  }

  @Override
  public WriteSummary commit() {
    checkOpen();
    committed = true;
    return new WriteSummary(offered, events.size(), offered - events.size(), usersCreated,
        itemsCreated);
  }

  @Override
  public void close() {
    closed = true;
  }

  private void checkOpen() {
    if (committed || closed) {
      throw new IllegalStateException("writer already " + (committed ? "committed" : "closed"));
    }
  }
}
