package dev.longview.cli;

import dev.longview.core.Event;
import dev.longview.core.EventTypes;
import dev.longview.core.Item;
import dev.longview.core.User;
import dev.longview.store.StoreWriter;
import dev.longview.store.WriteSummary;

/**
 * The writer behind {@code import --dry-run}: checks each event against the store's event types
 * exactly as the real writer does, counts, and writes nothing. Duplicates of stored events are not
 * looked up, so every valid event counts as new. Also the parse-only baseline of the import
 * benchmark (BENCHMARKS.md).
 */
final class DryRunWriter implements StoreWriter {
  private final EventTypes types;
  private long events;

  DryRunWriter(EventTypes types) {
    this.types = types;
  }

  @Override
  public void putUser(User user) {}

  @Override
  public void putItem(Item item) {}

  @Override
  public void addEvent(Event event) {
    String problem = types.problem(event);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    events++;
  }

  @Override
  public WriteSummary progress() {
    return new WriteSummary(events, events, 0, 0, 0);
  }

  @Override
  public WriteSummary commit() {
    return new WriteSummary(events, events, 0, 0, 0);
  }

  @Override
  public void close() {}
}
