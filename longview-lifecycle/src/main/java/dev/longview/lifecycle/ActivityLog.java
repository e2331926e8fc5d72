package dev.longview.lifecycle;

import dev.longview.core.Event;
import dev.longview.core.User;
import dev.longview.store.ActivitySink;
import dev.longview.store.EventStore;
import dev.longview.store.StoreCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A compact, columnar extract of every event of a store, for lifecycle analytics and churn
 * features. Unlike the training snapshot it keeps events without an item and with zero weight
 * (visits, session starts, cancellations), their type, value, order (session or invoice) and
 * revenue.
 *
 * <h2>Layout</h2>
 * Users get dense indices {@code 0..users()-1}; events are grouped by user (CSR: the events of
 * user {@code u} are {@code userStart(u) <= e < userStart(u + 1)}), in time order within a user
 * (ties keep the input order). Per event: epoch milliseconds, a type code (see
 * {@link #typeName(int)}), the value (NaN when none), an order code (the context session id, which
 * for online-retail is the invoice; -1 when none), an item code (-1 when none) and the line's
 * revenue: {@code value * unitPrice} when the context has {@code unitPrice}, else the context
 * attribute {@code dollarValue} or {@code amount} with the sign of the value, else, for a
 * {@code purchase}, its value (the quantity) times the catalogue price of the item when
 * {@link #load(EventStore)} found one, else 0. No object
 * is kept per event: about 37 bytes each.
 *
 * <p>Immutable and thread-safe once built. Build with {@link #load(EventStore)} or a
 * {@link Builder}.
 */
public final class ActivityLog {
  private final String[] userIds;
  private final long[] firstSeenMs;
  private final List<Map<String, Object>> userAttributes;
  private final int[] userStart;
  private final long[] timeMs;
  private final byte[] type;
  private final double[] value;
  private final int[] order;
  private final int[] item;
  private final double[] revenue;
  private final String[] typeNames;
  private final int items;

  private ActivityLog(String[] userIds, long[] firstSeenMs, List<Map<String, Object>> attributes,
      int[] userStart, long[] timeMs, byte[] type, double[] value, int[] order, int[] item,
      double[] revenue, String[] typeNames, int items) {
    this.userIds = userIds;
    this.firstSeenMs = firstSeenMs;
    this.userAttributes = attributes;
    this.userStart = userStart;
    this.timeMs = timeMs;
    this.type = type;
    this.value = value;
    this.order = order;
    this.item = item;
    this.revenue = revenue;
    this.typeNames = typeNames;
    this.items = items;
  }

  /**
   * Reads every user and event of {@code store} through its column-only read
   * ({@link EventStore#activity}): no object per event, no context JSON parsed in Java.
   */
  public static ActivityLog load(EventStore store) {
    Builder b = new Builder();
    b.recode = true;
    store.activity(new ActivitySink() {
      private int[] userIndex = new int[1024];
      private int users;
      private double[] itemPrice = new double[1024];
      private int items;

      @Override
      public void user(String id, Instant firstSeen, Map<String, Object> attributes) {
        if (users == userIndex.length) {
          userIndex = Arrays.copyOf(userIndex, users * 2);
        }
        b.user(id, firstSeen == null ? Long.MAX_VALUE : firstSeen.toEpochMilli(), attributes);
        userIndex[users++] = b.userIndex.get(id);
      }

      @Override
      public void item(String id, double price) {
        if (items == itemPrice.length) {
          itemPrice = Arrays.copyOf(itemPrice, items * 2);
        }
        itemPrice[items++] = price;
      }

      @Override
      public void event(int user, int item, String type, long timeMs, double value,
          String session, double unitPrice, double amount) {
        double revenue = 0;
        if (!Double.isNaN(unitPrice) && !Double.isNaN(value)) {
          revenue = value * unitPrice;
        } else if (!Double.isNaN(amount)) {
          revenue = (!Double.isNaN(value) && value < 0 ? -1 : 1) * Math.abs(amount);
        } else if ("purchase".equals(type) && item >= 0 && !Double.isNaN(value)) {
          double listed = itemPrice[item];
          revenue = Double.isNaN(listed) ? 0 : value * listed;
        }
        b.codedEvent(userIndex[user], timeMs, type, value, session, item, revenue);
      }
    });
    return b.build();
  }

  /**
   * The former load, one {@link Event} per row through {@link EventStore#events}: kept as the
   * baseline of {@code LifecycleBenchmark} and to check that {@link #load} gives the same log.
   */
  static ActivityLog loadFromEvents(EventStore store) {
    Builder b = new Builder();
    try (Stream<dev.longview.core.Item> items = store.items()) {
      items.forEach(i -> {
        if (i.price() != null) {
          b.catalogPrice(i.id(), i.price());
        }
      });
    }
    try (Stream<User> users = store.users()) {
      users.forEach(u -> b.user(u.id(), u.firstSeen() == null ? Long.MAX_VALUE
          : u.firstSeen().toEpochMilli(), u.attributes()));
    }
    StoreCounts counts = store.counts();
    if (counts.firstEvent() != null) {
      Instant to = counts.lastEvent().plusMillis(1);
      try (Stream<Event> events = store.events(counts.firstEvent(), to)) {
        events.forEach(b::event);
      }
    }
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public int users() {
    return userIds.length;
  }

  public long events() {
    return timeMs.length;
  }

  /** Number of distinct items seen in events. */
  public int items() {
    return items;
  }

  public String userId(int u) {
    return userIds[u];
  }

  /** Index of an external user id, or -1. Linear scan: for the edges, not for loops. */
  public int userIndex(String id) {
    for (int u = 0; u < userIds.length; u++) {
      if (userIds[u].equals(id)) {
        return u;
      }
    }
    return -1;
  }

  /**
   * When the user was first seen: the earliest of what the store says and the user's first event
   * of any type (epoch ms), or {@link Long#MAX_VALUE} when neither is known.
   */
  public long firstSeenMs(int u) {
    return firstSeenMs[u];
  }

  public Map<String, Object> attributes(int u) {
    return userAttributes.get(u);
  }

  public int userStart(int u) {
    return userStart[u];
  }

  public int userEnd(int u) {
    return userStart[u + 1];
  }

  public long timeMs(int e) {
    return timeMs[e];
  }

  public int type(int e) {
    return type[e];
  }

  /** The event's value, NaN when it has none. */
  public double value(int e) {
    return value[e];
  }

  public int order(int e) {
    return order[e];
  }

  public int item(int e) {
    return item[e];
  }

  public double revenue(int e) {
    return revenue[e];
  }

  public String typeName(int code) {
    return typeNames[code];
  }

  /** Code of a type name, or -1 when no event has it. */
  public int typeCode(String name) {
    for (int i = 0; i < typeNames.length; i++) {
      if (typeNames[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  public int typeCount() {
    return typeNames.length;
  }

  /** Earliest and latest event times (epoch ms); {0, 0} when empty. */
  long[] timeRange() {
    if (timeMs.length == 0) {
      return new long[] {0, 0};
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long t : timeMs) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    return new long[] {min, max};
  }

  /**
   * Collects users and events in any order. Users not declared with {@link #user} are added at
   * their first event. Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, Integer> userIndex = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final List<Map<String, Object>> attributes = new ArrayList<>();
    private long[] firstSeen = new long[16];
    private final Map<String, Integer> typeIndex = new HashMap<>();
    private final List<String> types = new ArrayList<>();
    private final Map<String, Integer> orderIndex = new HashMap<>();
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private int n;
    private int[] user = new int[1024];
    private long[] time = new long[1024];
    private byte[] typeCode = new byte[1024];
    private double[] val = new double[1024];
    private int[] ord = new int[1024];
    private int[] itm = new int[1024];
    private double[] rev = new double[1024];

    private final Map<String, Double> catalogPrices = new HashMap<>();
    /**
     * Set by {@link ActivityLog#load}: item codes are the store's dense item indices, order and
     * type codes are in arrival (not time) order; {@link #build} renumbers all three by first
     * appearance in time order, as {@link #event(String, long, String, double, String, String, double)} does.
     */
    private boolean recode;
    private int maxItemCode = -1;

    private Builder() {}

    /**
     * The catalogue price of an item: the revenue of a {@code purchase} event whose context gives
     * no price (value times this price).
     */
    public Builder catalogPrice(String itemId, double price) {
      catalogPrices.put(itemId, price);
      return this;
    }

    /** Declares a user (first seen in epoch ms, {@link Long#MAX_VALUE} when unknown). */
    public Builder user(String id, long firstSeenMs, Map<String, Object> attrs) {
      int u = userOf(id);
      firstSeen[u] = Math.min(firstSeen[u], firstSeenMs);
      attributes.set(u, attrs == null ? Map.of() : attrs);
      return this;
    }

    /** Adds a store event. */
    public Builder event(Event e) {
      Map<String, Object> a = e.context().attributes();
      double v = e.value() == null ? Double.NaN : e.value();
      double revenue = 0;
      Object price = a.get("unitPrice");
      Object amount = a.containsKey("dollarValue") ? a.get("dollarValue") : a.get("amount");
      if (price instanceof Number p && !Double.isNaN(v)) {
        revenue = v * p.doubleValue();
      } else if (amount instanceof Number m) {
        revenue = (!Double.isNaN(v) && v < 0 ? -1 : 1) * Math.abs(m.doubleValue());
      } else if ("purchase".equals(e.type()) && e.itemId() != null && !Double.isNaN(v)) {
        Double listed = catalogPrices.get(e.itemId());
        revenue = listed == null ? 0 : v * listed;
      }
      return event(e.userId(), e.time().toInstant().toEpochMilli(), e.type(), v,
          e.context().sessionId(), e.itemId(), revenue);
    }

    /**
     * Adds one event.
     *
     * @param value NaN when none
     * @param orderId session or invoice id, null when none
     * @param itemId null when none
     */
    public Builder event(String userId, long timeMs, String type, double value, String orderId,
        String itemId, double revenue) {
      if (n == time.length) {
        grow();
      }
      int u = userOf(userId);
      user[n] = u;
      time[n] = timeMs;
      typeCode[n] = typeOf(type);
      val[n] = value;
      ord[n] = orderId == null ? -1 : orderIndex.computeIfAbsent(orderId, k -> orderIndex.size());
      itm[n] = itemId == null ? -1 : itemIndex.computeIfAbsent(itemId, k -> itemIndex.size());
      rev[n] = revenue;
      n++;
      return this;
    }

    /** An event of {@link ActivityLog#load}: user index of this builder, store item index. */
    private void codedEvent(int u, long timeMs, String type, double value, String orderId,
        int itemCode, double revenue) {
      if (n == time.length) {
        grow();
      }
      user[n] = u;
      time[n] = timeMs;
      typeCode[n] = typeOf(type);
      val[n] = value;
      ord[n] = orderId == null ? -1 : orderIndex.computeIfAbsent(orderId, k -> orderIndex.size());
      itm[n] = itemCode;
      maxItemCode = Math.max(maxItemCode, itemCode);
      rev[n] = revenue;
      n++;
    }

    private byte typeOf(String type) {
      return (byte) (int) typeIndex.computeIfAbsent(type, t -> {
        if (types.size() == 127) {
          throw new IllegalStateException("more than 127 event types");
        }
        types.add(t);
        return types.size() - 1;
      });
    }

    private int userOf(String id) {
      Integer u = userIndex.get(id);
      if (u == null) {
        u = ids.size();
        userIndex.put(id, u);
        ids.add(id);
        attributes.add(Map.of());
        if (u == firstSeen.length) {
          firstSeen = Arrays.copyOf(firstSeen, u * 2);
        }
        firstSeen[u] = Long.MAX_VALUE;
      }
      return u;
    }

    private void grow() {
      int c = time.length * 2;
      user = Arrays.copyOf(user, c);
      time = Arrays.copyOf(time, c);
      typeCode = Arrays.copyOf(typeCode, c);
      val = Arrays.copyOf(val, c);
      ord = Arrays.copyOf(ord, c);
      itm = Arrays.copyOf(itm, c);
      rev = Arrays.copyOf(rev, c);
    }

    /** Groups the events by user, in time order within each user (stable). */
    public ActivityLog build() {
      int users = ids.size();
      int[] perm = timeOrder();
      int[] start = new int[users + 1];
      for (int i = 0; i < n; i++) {
        start[user[i] + 1]++;
      }
      for (int u = 0; u < users; u++) {
        start[u + 1] += start[u];
      }
      int[] next = Arrays.copyOf(start, users);
      long[] t = new long[n];
      byte[] ty = new byte[n];
      double[] v = new double[n];
      int[] o = new int[n];
      int[] it = new int[n];
      double[] r = new double[n];
      long[] fs = Arrays.copyOf(firstSeen, users);
      int[] itemCode = recode ? filled(maxItemCode + 1) : null;
      int[] orderCode = recode ? filled(orderIndex.size()) : null;
      int[] typeRecode = recode ? filled(types.size()) : null;
      String[] typeNames = new String[types.size()];
      int nextType = 0;
      int nextItem = 0;
      int nextOrder = 0;
      for (int k = 0; k < n; k++) {
        int i = perm == null ? k : perm[k];
        int u = user[i];
        int e = next[u]++;
        t[e] = time[i];
        ty[e] = typeCode[i];
        v[e] = val[i];
        o[e] = ord[i];
        it[e] = itm[i];
        if (recode) {
          if (typeRecode[ty[e]] < 0) {
            typeNames[nextType] = types.get(ty[e]);
            typeRecode[ty[e]] = nextType++;
          }
          ty[e] = (byte) typeRecode[ty[e]];
          if (o[e] >= 0) {
            o[e] = orderCode[o[e]] >= 0 ? orderCode[o[e]] : (orderCode[o[e]] = nextOrder++);
          }
          if (it[e] >= 0) {
            it[e] = itemCode[it[e]] >= 0 ? itemCode[it[e]] : (itemCode[it[e]] = nextItem++);
          }
        }
        r[e] = rev[i];
        fs[u] = Math.min(fs[u], time[i]);
      }
      return new ActivityLog(ids.toArray(String[]::new), fs, List.copyOf(attributes), start, t, ty,
          v, o, it, r, recode ? typeNames : types.toArray(String[]::new),
          recode ? nextItem : itemIndex.size());
    }

    private static int[] filled(int size) {
      int[] a = new int[size];
      Arrays.fill(a, -1);
      return a;
    }

    /** A stable permutation into time order, or null when the input is already in time order. */
    private int[] timeOrder() {
      boolean sorted = true;
      for (int i = 1; i < n && sorted; i++) {
        sorted = time[i - 1] <= time[i];
      }
      if (sorted) {
        return null;
      }
      int[] a = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = i;
      }
      int[] tmp = new int[n];
      for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
          int mid = Math.min(lo + width, n);
          int hi = Math.min(lo + 2 * width, n);
          int i = lo;
          int j = mid;
          int k = lo;
          while (i < mid && j < hi) {
            tmp[k++] = time[a[j]] < time[a[i]] ? a[j++] : a[i++];
          }
          while (i < mid) {
            tmp[k++] = a[i++];
          }
          while (j < hi) {
            tmp[k++] = a[j++];
          }
        }
        int[] swap = a;
        a = tmp;
        tmp = swap;
      }
      return a;
    }
  }
}
