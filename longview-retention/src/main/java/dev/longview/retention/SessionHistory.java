package dev.longview.retention;

import dev.longview.core.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every user's sessions as an engine observes them: when each began and which items were
 * consumed in it. Built from the observable event stream only ({@link #add}); a session is the
 * events sharing a context session id (or, without one, a user's events of one UTC day). Items
 * are "consumed" by the event types given at construction (default {@code click},
 * {@code purchase}). Events may arrive in any order within a session but sessions must arrive in
 * time order per user (as a store read by time gives them). Not thread-safe.
 */
public final class SessionHistory {
  private final java.util.Set<String> consumeTypes;
  private final Map<String, Integer> userIndex = new HashMap<>();
  private final List<UserSessions> users = new ArrayList<>();
  private final Map<String, Integer> itemIndex = new HashMap<>();
  private final List<String> itemIds = new ArrayList<>();

  public SessionHistory() {
    this(java.util.Set.of("click", "purchase"));
  }

  public SessionHistory(java.util.Set<String> consumeTypes) {
    if (consumeTypes == null || consumeTypes.isEmpty()) {
      throw new IllegalArgumentException("consumeTypes was empty; e.g. [click, purchase]");
    }
    this.consumeTypes = java.util.Set.copyOf(consumeTypes);
  }

  /** Adds one observed event; impressions and other non-consuming item events only open sessions. */
  public void add(Event e) {
    long ms = e.time().toInstant().toEpochMilli();
    String key = e.context().sessionId() != null ? e.context().sessionId()
        : "day-" + Math.floorDiv(ms, 86_400_000L);
    int item = -1;
    if (e.itemId() != null && consumeTypes.contains(e.type())) {
      item = itemIndex.computeIfAbsent(e.itemId(), id -> {
        itemIds.add(id);
        return itemIds.size() - 1;
      });
    }
    add(e.userId(), key, ms, item);
  }

  /** Adds one observation: a session (opened at {@code ms} if new) and optionally a consumed item. */
  public void add(String userId, String sessionKey, long ms, int item) {
    int u = userIndex.computeIfAbsent(userId, id -> {
      users.add(new UserSessions(id));
      return users.size() - 1;
    });
    users.get(u).add(sessionKey, ms, item);
  }

  /** The dense index of an item id seen consumed, or -1. */
  public int itemIndex(String itemId) {
    Integer i = itemIndex.get(itemId);
    return i == null ? -1 : i;
  }

  /** Registers an item id (so that tests can plant items before events) and returns its index. */
  public int internItem(String itemId) {
    return itemIndex.computeIfAbsent(itemId, id -> {
      itemIds.add(id);
      return itemIds.size() - 1;
    });
  }

  public int itemCount() {
    return itemIds.size();
  }

  public String itemId(int item) {
    return itemIds.get(item);
  }

  public int userCount() {
    return users.size();
  }

  int sessionCount(int user) {
    return users.get(user).count;
  }

  long sessionStart(int user, int session) {
    return users.get(user).start[session];
  }

  /** Distinct items consumed in the session, ascending. */
  int[] sessionItems(int user, int session) {
    return users.get(user).items(session);
  }

  /**
   * Distinct items consumed in the session in the order they were first consumed (ties by item
   * index): the order a session's continuation after each item is counted in.
   */
  int[] sessionItemsInOrder(int user, int session) {
    return users.get(user).itemsInOrder(session);
  }

  /** The external id of a user index. */
  String userId(int user) {
    return users.get(user).id;
  }

  /** Time of the user's most recent session start, or Long.MIN_VALUE. */
  public long lastSessionStart(String userId) {
    Integer u = userIndex.get(userId);
    if (u == null || users.get(u).count == 0) {
      return Long.MIN_VALUE;
    }
    UserSessions s = users.get(u);
    return s.start[s.count - 1];
  }

  /** Mean days between the user's consecutive sessions, NaN with fewer than two sessions. */
  public double meanGapDays(String userId) {
    Integer u = userIndex.get(userId);
    if (u == null || users.get(u).count < 2) {
      return Double.NaN;
    }
    UserSessions s = users.get(u);
    return (s.start[s.count - 1] - s.start[0]) / 86_400_000.0 / (s.count - 1);
  }

  private static final class UserSessions {
    final String id;
    final Map<String, Integer> byKey = new HashMap<>();
    long[] start = new long[4];
    int[][] items = new int[4][];
    long[][] itemTimes = new long[4][];
    int[] itemCount = new int[4];
    int count;

    UserSessions(String id) {
      this.id = id;
    }

    void add(String key, long ms, int item) {
      Integer s = byKey.get(key);
      if (s == null) {
        if (count == start.length) {
          start = Arrays.copyOf(start, count * 2);
          items = Arrays.copyOf(items, count * 2);
          itemTimes = Arrays.copyOf(itemTimes, count * 2);
          itemCount = Arrays.copyOf(itemCount, count * 2);
        }
        s = count++;
        byKey.put(key, s);
        start[s] = ms;
        items[s] = new int[2];
        itemTimes[s] = new long[2];
      }
      start[s] = Math.min(start[s], ms);
      if (item >= 0) {
        int[] a = items[s];
        for (int k = 0; k < itemCount[s]; k++) {
          if (a[k] == item) {
            itemTimes[s][k] = Math.min(itemTimes[s][k], ms);
            return;
          }
        }
        if (itemCount[s] == a.length) {
          items[s] = a = Arrays.copyOf(a, a.length * 2);
          itemTimes[s] = Arrays.copyOf(itemTimes[s], a.length);
        }
        itemTimes[s][itemCount[s]] = ms;
        a[itemCount[s]++] = item;
      }
    }

    int[] itemsInOrder(int s) {
      int n = itemCount[s];
      Integer[] order = new Integer[n];
      for (int k = 0; k < n; k++) {
        order[k] = k;
      }
      long[] t = itemTimes[s];
      int[] a = items[s];
      Arrays.sort(order, (x, y) -> t[x] != t[y] ? Long.compare(t[x], t[y]) : Integer.compare(a[x], a[y]));
      int[] out = new int[n];
      for (int k = 0; k < n; k++) {
        out[k] = a[order[k]];
      }
      return out;
    }

    int[] items(int s) {
      int[] a = Arrays.copyOf(items[s], itemCount[s]);
      Arrays.sort(a);
      return a;
    }
  }
}
