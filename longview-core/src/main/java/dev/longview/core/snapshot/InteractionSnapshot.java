package dev.longview.core.snapshot;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable in-memory copy of the interactions that training reads: dense int indices for
 * users and items, a CSR matrix by user and a CSC matrix by item.
 *
 * <p>Users are numbered 0..{@link #userCount()}-1 and items 0..{@link #itemCount()}-1; external
 * ids appear only in {@link #userId(int)} and {@link #itemId(int)} and the reverse look-ups. Each
 * event that names an item and has a non-zero interaction weight is one entry (repeated events of
 * the same user and item stay separate entries, so sequences are kept).
 *
 * <p>Layout (bytes per entry): CSR by user: item index (4), time (4, seconds since
 * {@link #baseTime()}), weight (1-4, {@link WeightColumn}); each row is in time order, ties by
 * item index. CSC by item: user index (4), weight (1-4); each column in user order. Time is read
 * through the CSR side only. Thread-safe.
 */
public final class InteractionSnapshot {
  final String[] userIds;
  final String[] itemIds;
  final int[] userPtr;
  final int[] rowItems;
  final int[] rowTimes;
  final WeightColumn rowWeights;
  final int[] itemPtr;
  final int[] colUsers;
  final WeightColumn colWeights;
  final long baseEpochSecond;
  final SideData side;
  private volatile Map<String, Integer> userIndex;
  private volatile Map<String, Integer> itemIndex;

  InteractionSnapshot(String[] userIds, String[] itemIds, int[] userPtr, int[] rowItems,
      int[] rowTimes, WeightColumn rowWeights, int[] itemPtr, int[] colUsers,
      WeightColumn colWeights, long baseEpochSecond, SideData side) {
    this.userIds = userIds;
    this.itemIds = itemIds;
    this.userPtr = userPtr;
    this.rowItems = rowItems;
    this.rowTimes = rowTimes;
    this.rowWeights = rowWeights;
    this.itemPtr = itemPtr;
    this.colUsers = colUsers;
    this.colWeights = colWeights;
    this.baseEpochSecond = baseEpochSecond;
    this.side = side;
  }

  public int userCount() {
    return userIds.length;
  }

  public int itemCount() {
    return itemIds.length;
  }

  /** Number of entries (interactions). */
  public int size() {
    return rowItems.length;
  }

  public String userId(int user) {
    return userIds[user];
  }

  public String itemId(int item) {
    return itemIds[item];
  }

  /** Dense index of an external user id, or -1. */
  public int userIndex(String userId) {
    Map<String, Integer> m = userIndex;
    if (m == null) {
      userIndex = m = indexOf(userIds);
    }
    return m.getOrDefault(userId, -1);
  }

  /** Dense index of an external item id, or -1. */
  public int itemIndex(String itemId) {
    Map<String, Integer> m = itemIndex;
    if (m == null) {
      itemIndex = m = indexOf(itemIds);
    }
    return m.getOrDefault(itemId, -1);
  }

  private static Map<String, Integer> indexOf(String[] ids) {
    Map<String, Integer> m = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      m.put(ids[i], i);
    }
    return m;
  }

  // CSR by user --------------------------------------------------------------------------------

  /** First CSR position of {@code user}'s row. */
  public int userStart(int user) {
    return userPtr[user];
  }

  /** One past the last CSR position of {@code user}'s row. */
  public int userEnd(int user) {
    return userPtr[user + 1];
  }

  public int userDegree(int user) {
    return userPtr[user + 1] - userPtr[user];
  }

  public int itemAt(int position) {
    return rowItems[position];
  }

  public float weightAt(int position) {
    return rowWeights.get(position);
  }

  public long epochSecondAt(int position) {
    return baseEpochSecond + (rowTimes[position] & 0xFFFFFFFFL);
  }

  // CSC by item --------------------------------------------------------------------------------

  public int itemStart(int item) {
    return itemPtr[item];
  }

  public int itemEnd(int item) {
    return itemPtr[item + 1];
  }

  public int itemDegree(int item) {
    return itemPtr[item + 1] - itemPtr[item];
  }

  public int userAtColumn(int position) {
    return colUsers[position];
  }

  public float weightAtColumn(int position) {
    return colWeights.get(position);
  }

  // Side data ----------------------------------------------------------------------------------

  public Instant baseTime() {
    return Instant.ofEpochSecond(baseEpochSecond);
  }

  /** Category labels of an item, most specific last. */
  public List<String> itemCategories(int item) {
    return side.itemCategories(item);
  }

  /** Dense category indices of an item (into {@link #categoryNames()}). */
  public int[] itemCategoryIndices(int item) {
    return side.itemCategoryIndices(item);
  }

  public List<String> categoryNames() {
    return side.categoryNames();
  }

  /** Unit price, or NaN when unknown. */
  public float itemPrice(int item) {
    return side.itemPrice[item];
  }

  public boolean itemHidden(int item) {
    return side.itemHidden.get(item);
  }

  public String itemTitle(int item) {
    return side.itemTitle[item];
  }

  /** Epoch second the user was first seen, or {@link Long#MIN_VALUE} when unknown. */
  public long userFirstSeen(int user) {
    return side.userFirstSeen[user];
  }

  public Map<String, Object> userAttributes(int user) {
    return side.userAttributes.get(user);
  }

  /** Bytes held by the interaction arrays (CSR, CSC and their offsets), without side data. */
  public long interactionBytes() {
    return 4L * (userPtr.length + rowItems.length + rowTimes.length + itemPtr.length + colUsers.length)
        + rowWeights.bytes() + colWeights.bytes();
  }

  /** {@link #interactionBytes()} per interaction; NaN when empty. */
  public double bytesPerInteraction() {
    return size() == 0 ? Double.NaN : (double) interactionBytes() / size();
  }
}
