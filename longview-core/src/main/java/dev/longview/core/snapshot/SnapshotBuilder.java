package dev.longview.core.snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link InteractionSnapshot} from a stream of primitive calls: users and items first
 * (each call assigns the next dense index), then interactions in any order. No object is created
 * per interaction: they go into growable primitive arrays, and {@link #build()} lays them out as
 * CSR and CSC with two counting sorts. Not thread-safe; use once.
 */
public final class SnapshotBuilder {
  private final List<String> userIds = new ArrayList<>();
  private final List<Long> userFirstSeen = new ArrayList<>();
  private final List<Map<String, Object>> userAttributes = new ArrayList<>();
  private final List<String> itemIds = new ArrayList<>();
  private final List<int[]> itemCategories = new ArrayList<>();
  private final Map<String, Integer> categoryIndex = new HashMap<>();
  private final List<String> categoryNames = new ArrayList<>();
  private final List<String> itemTitles = new ArrayList<>();
  private float[] itemPrices = new float[16];
  private final BitSet itemHidden = new BitSet();

  private int[] users = new int[1024];
  private int[] items = new int[1024];
  private float[] weights = new float[1024];
  private long[] times = new long[1024];
  private int n;
  private boolean built;

  /** Adds a user and returns its dense index. */
  public int addUser(String id, Instant firstSeen, Map<String, Object> attributes) {
    userIds.add(id);
    userFirstSeen.add(firstSeen == null ? Long.MIN_VALUE : firstSeen.getEpochSecond());
    userAttributes.add(attributes == null ? Map.of() : attributes);
    return userIds.size() - 1;
  }

  /** Adds an item and returns its dense index. */
  public int addItem(String id, List<String> categories, String title, Double price, boolean hidden) {
    int index = itemIds.size();
    itemIds.add(id);
    int[] cats = new int[categories.size()];
    for (int k = 0; k < cats.length; k++) {
      cats[k] = categoryIndex.computeIfAbsent(categories.get(k), c -> {
        categoryNames.add(c);
        return categoryNames.size() - 1;
      });
    }
    itemCategories.add(cats);
    itemTitles.add(title);
    if (index == itemPrices.length) {
      itemPrices = Arrays.copyOf(itemPrices, index * 2);
    }
    itemPrices[index] = price == null ? Float.NaN : price.floatValue();
    if (hidden) {
      itemHidden.set(index);
    }
    return index;
  }

  /** Adds one interaction between dense indices returned by addUser and addItem. */
  public void addInteraction(int user, int item, float weight, long epochSecond) {
    if (user < 0 || user >= userIds.size() || item < 0 || item >= itemIds.size()) {
      throw new IndexOutOfBoundsException("interaction (" + user + ", " + item
          + ") is outside " + userIds.size() + " users x " + itemIds.size() + " items");
    }
    if (n == users.length) {
      int cap = n + (n >> 1);
      users = Arrays.copyOf(users, cap);
      items = Arrays.copyOf(items, cap);
      weights = Arrays.copyOf(weights, cap);
      times = Arrays.copyOf(times, cap);
    }
    users[n] = user;
    items[n] = item;
    weights[n] = weight;
    times[n] = epochSecond;
    n++;
  }

  public int interactionCount() {
    return n;
  }

  public InteractionSnapshot build() {
    if (built) {
      throw new IllegalStateException("build() was already called; a SnapshotBuilder is used once");
    }
    built = true;
    int userCount = userIds.size();
    int itemCount = itemIds.size();
    long base = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int k = 0; k < n; k++) {
      base = Math.min(base, times[k]);
      max = Math.max(max, times[k]);
    }
    if (n == 0) {
      base = 0;
    } else if (max - base > 0xFFFFFFFFL) {
      throw new IllegalStateException("events span " + (max - base)
          + " seconds; a snapshot holds at most 136 years of events");
    }

    // CSR: counting sort by user (stable), then sort each row by (time, item).
    int[] userPtr = new int[userCount + 1];
    for (int k = 0; k < n; k++) {
      userPtr[users[k] + 1]++;
    }
    for (int u = 0; u < userCount; u++) {
      userPtr[u + 1] += userPtr[u];
    }
    int[] order = new int[n];
    int[] fill = Arrays.copyOf(userPtr, userCount);
    for (int k = 0; k < n; k++) {
      order[fill[users[k]]++] = k;
    }
    for (int u = 0; u < userCount; u++) {
      sortRowByTime(order, userPtr[u], userPtr[u + 1]);
    }
    int[] rowItems = new int[n];
    int[] rowTimes = new int[n];
    for (int p = 0; p < n; p++) {
      int k = order[p];
      rowItems[p] = items[k];
      rowTimes[p] = (int) (times[k] - base);
    }
    WeightColumn rowWeights = WeightColumn.encode(weights, order, n);

    // CSC: counting sort of CSR positions by item; users come out in increasing order.
    int[] itemPtr = new int[itemCount + 1];
    for (int p = 0; p < n; p++) {
      itemPtr[rowItems[p] + 1]++;
    }
    for (int i = 0; i < itemCount; i++) {
      itemPtr[i + 1] += itemPtr[i];
    }
    int[] colOrder = new int[n];
    int[] colFill = Arrays.copyOf(itemPtr, itemCount);
    int[] colUsers = new int[n];
    for (int u = 0; u < userCount; u++) {
      for (int p = userPtr[u]; p < userPtr[u + 1]; p++) {
        int slot = colFill[rowItems[p]]++;
        colUsers[slot] = u;
        colOrder[slot] = order[p];
      }
    }
    WeightColumn colWeights = WeightColumn.encode(weights, colOrder, n);

    int[] catPtr = new int[itemCount + 1];
    for (int i = 0; i < itemCount; i++) {
      catPtr[i + 1] = catPtr[i] + itemCategories.get(i).length;
    }
    int[] catIds = new int[catPtr[itemCount]];
    for (int i = 0; i < itemCount; i++) {
      System.arraycopy(itemCategories.get(i), 0, catIds, catPtr[i], itemCategories.get(i).length);
    }
    long[] firstSeen = new long[userCount];
    for (int u = 0; u < userCount; u++) {
      firstSeen[u] = userFirstSeen.get(u);
    }
    SideData side = new SideData(catPtr, catIds, categoryNames.toArray(String[]::new),
        Arrays.copyOf(itemPrices, itemCount), (BitSet) itemHidden.clone(),
        itemTitles.toArray(String[]::new), firstSeen, List.copyOf(userAttributes));

    // Release the staging arrays before the caller keeps the snapshot.
    users = items = null;
    weights = null;
    times = null;
    return new InteractionSnapshot(userIds.toArray(String[]::new), itemIds.toArray(String[]::new),
        userPtr, rowItems, rowTimes, rowWeights, itemPtr, colUsers, colWeights, base, side);
  }

  /**
   * Sorts one row by (time, item), stable for ties. The store usually sends rows already in time
   * order, so the common case is one linear check; otherwise a primitive merge sort (no boxing).
   */
  private void sortRowByTime(int[] order, int from, int to) {
    boolean sorted = true;
    for (int a = from + 1; a < to && sorted; a++) {
      sorted = !after(order[a - 1], order[a]);
    }
    if (sorted) {
      return;
    }
    int[] scratch = new int[to - from];
    mergeSort(order, from, to, scratch);
  }

  private void mergeSort(int[] a, int from, int to, int[] scratch) {
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && after(a[j], v)) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, from, mid, scratch);
    mergeSort(a, mid, to, scratch);
    if (!after(a[mid - 1], a[mid])) {
      return;
    }
    System.arraycopy(a, from, scratch, 0, mid - from);
    int i = 0;
    int iEnd = mid - from;
    int j = mid;
    int k = from;
    while (i < iEnd && j < to) {
      a[k++] = after(scratch[i], a[j]) ? a[j++] : scratch[i++];
    }
    while (i < iEnd) {
      a[k++] = scratch[i++];
    }
  }

  private boolean after(int x, int y) {
    return times[x] > times[y] || (times[x] == times[y] && items[x] > items[y]);
  }
}
