package dev.longview.lab.shop;

import dev.longview.core.Event;
import dev.longview.core.Item;
import dev.longview.core.User;
import java.util.List;

/**
 * A whole generated shop held in memory, for tests and small experiments; use
 * {@link ShopGenerator#generate(ShopSink)} to stream a large one instead.
 *
 * @param users users in order of their first event (and of their ids)
 * @param items items in id order
 * @param events events in time order
 * @param summary what {@link ShopGenerator#generate(ShopSink)} reports for the same config
 */
public record ShopData(List<User> users, List<Item> items, List<Event> events, ShopSummary summary) {
  public ShopData {
    users = List.copyOf(users);
    items = List.copyOf(items);
    events = List.copyOf(events);
  }
}
