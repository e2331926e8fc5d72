package dev.longview.core;

import dev.longview.core.EventType.Polarity;
import dev.longview.core.EventType.ValueMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The set of known event types. Immutable; thread-safe.
 *
 * <p>The defaults suit both shops and content platforms:
 *
 * <table>
 *   <tr><th>type</th><th>weight</th><th>polarity</th><th>value</th><th>item</th></tr>
 *   <tr><td>view</td><td>1</td><td>+</td><td>ignored</td><td>required</td></tr>
 *   <tr><td>click</td><td>2</td><td>+</td><td>ignored</td><td>required</td></tr>
 *   <tr><td>rating</td><td>1</td><td>+</td><td>multiplies</td><td>required</td></tr>
 *   <tr><td>like</td><td>3</td><td>+</td><td>ignored</td><td>required</td></tr>
 *   <tr><td>dislike</td><td>3</td><td>-</td><td>ignored</td><td>required</td></tr>
 *   <tr><td>add_to_cart</td><td>3</td><td>+</td><td>ignored</td><td>required</td></tr>
 *   <tr><td>purchase</td><td>5</td><td>+</td><td>sign (negative quantity = cancellation)</td><td>required</td></tr>
 *   <tr><td>impression</td><td>0</td><td>neutral</td><td>ignored</td><td>required</td></tr>
 *   <tr><td>visit</td><td>0</td><td>neutral</td><td>ignored</td><td>none</td></tr>
 *   <tr><td>session_start</td><td>0</td><td>neutral</td><td>ignored</td><td>none</td></tr>
 * </table>
 */
public final class EventTypes {
  private final Map<String, EventType> byName;

  private EventTypes(Map<String, EventType> byName) {
    this.byName = byName;
  }

  public static EventTypes of(Collection<EventType> types) {
    Map<String, EventType> map = new LinkedHashMap<>();
    for (EventType t : types) {
      if (map.put(t.name(), t) != null) {
        throw new IllegalArgumentException("event type \"" + t.name() + "\" is defined twice");
      }
    }
    return new EventTypes(map);
  }

  public static EventTypes defaults() {
    return of(defaultTypes());
  }

  public static List<EventType> defaultTypes() {
    return List.of(
        new EventType("view", 1, Polarity.POSITIVE, ValueMode.IGNORE, true),
        new EventType("click", 2, Polarity.POSITIVE, ValueMode.IGNORE, true),
        new EventType("rating", 1, Polarity.POSITIVE, ValueMode.MULTIPLY, true),
        new EventType("like", 3, Polarity.POSITIVE, ValueMode.IGNORE, true),
        new EventType("dislike", 3, Polarity.NEGATIVE, ValueMode.IGNORE, true),
        new EventType("add_to_cart", 3, Polarity.POSITIVE, ValueMode.IGNORE, true),
        new EventType("purchase", 5, Polarity.POSITIVE, ValueMode.SIGN, true),
        new EventType("impression", 0, Polarity.NEUTRAL, ValueMode.IGNORE, true),
        new EventType("visit", 0, Polarity.NEUTRAL, ValueMode.IGNORE, false),
        new EventType("session_start", 0, Polarity.NEUTRAL, ValueMode.IGNORE, false));
  }

  public Optional<EventType> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  public List<EventType> all() {
    return List.copyOf(byName.values());
  }

  /** A copy with {@code type} added or replacing the type of the same name. */
  public EventTypes with(EventType type) {
    Map<String, EventType> map = new LinkedHashMap<>(byName);
    map.put(type.name(), type);
    return new EventTypes(map);
  }

  /**
   * Checks an event against its type: the type must exist and an item must be present when the
   * type requires one. Returns null when fine, else a message that says what to do.
   */
  public String problem(Event event) {
    EventType type = byName.get(event.type());
    if (type == null) {
      return "unknown event type \"" + event.type() + "\"; known types are " + names()
          + " (declare new ones with `longview event-types set`)";
    }
    if (type.itemRequired() && event.itemId() == null) {
      return "event type \"" + event.type() + "\" needs an item id";
    }
    return null;
  }

  public String names() {
    return String.join(", ", new ArrayList<>(byName.keySet()));
  }
}
