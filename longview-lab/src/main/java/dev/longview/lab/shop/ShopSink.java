package dev.longview.lab.shop;

import dev.longview.core.Event;
import dev.longview.core.Item;
import dev.longview.core.User;

/**
 * Receives a generated shop as it is produced, so that it can go straight into a store writer
 * without being held in memory.
 *
 * <p>Order of calls: every item first (in id order), then users and events interleaved, events in
 * time order, and each user just before their first event. So a consumer never sees an event whose
 * user or item it has not been given.
 */
public interface ShopSink {
  void user(User user);

  void item(Item item);

  void event(Event event);
}
