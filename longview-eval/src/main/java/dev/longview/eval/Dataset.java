package dev.longview.eval;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.util.Arrays;

/**
 * The interactions a protocol evaluates on: what is left of a snapshot after the protocol's
 * filters (rating threshold, binarisation, k-core), in a dense index space of its own.
 *
 * <p>Users and items that keep at least one interaction are numbered from 0, in the order of their
 * external ids (numerically when every id is a number, else as text), so "ties by item id" is the
 * same as ties by dense index. Each user's entries are in time order, ties by item. Every split of
 * a dataset (train, valid, test) uses this index space; the catalogue is {@link #itemCount()}.
 * Immutable and thread-safe.
 */
public final class Dataset {
  final InteractionSnapshot source;
  final int[] userSource;
  final int[] itemSource;
  final int[] userPtr;
  final int[] items;
  final long[] times;
  final float[] weights;

  Dataset(InteractionSnapshot source, int[] userSource, int[] itemSource, int[] userPtr, int[] items,
      long[] times, float[] weights) {
    this.source = source;
    this.userSource = userSource;
    this.itemSource = itemSource;
    this.userPtr = userPtr;
    this.items = items;
    this.times = times;
    this.weights = weights;
  }

  public int userCount() {
    return userSource.length;
  }

  public int itemCount() {
    return itemSource.length;
  }

  /** Number of interactions. */
  public int size() {
    return items.length;
  }

  public int userStart(int user) {
    return userPtr[user];
  }

  public int userEnd(int user) {
    return userPtr[user + 1];
  }

  public int itemAt(int position) {
    return items[position];
  }

  public long epochSecondAt(int position) {
    return times[position];
  }

  public String userId(int user) {
    return source.userId(userSource[user]);
  }

  public String itemId(int item) {
    return source.itemId(itemSource[item]);
  }

  /**
   * A training snapshot over all of this dataset's users and items (same dense indices, ids and
   * item side data) holding only the entries whose role is {@code role}.
   */
  InteractionSnapshot snapshotOf(byte[] roles, byte role) {
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < userCount(); u++) {
      int s = userSource[u];
      long firstSeen = source.userFirstSeen(s);
      b.addUser(source.userId(s),
          firstSeen == Long.MIN_VALUE ? null : java.time.Instant.ofEpochSecond(firstSeen),
          source.userAttributes(s));
    }
    for (int i = 0; i < itemCount(); i++) {
      int s = itemSource[i];
      float price = source.itemPrice(s);
      b.addItem(source.itemId(s), source.itemCategories(s), source.itemTitle(s),
          Float.isNaN(price) ? null : (double) price, source.itemHidden(s));
    }
    for (int u = 0; u < userCount(); u++) {
      for (int p = userPtr[u]; p < userPtr[u + 1]; p++) {
        if (roles[p] == role) {
          b.addInteraction(u, items[p], weights[p], times[p]);
        }
      }
    }
    return b.build();
  }

  /** Held-out items per user: the entries whose role is {@code role}, in time order. */
  HeldOut heldOutOf(byte[] roles, byte role) {
    int[] ptr = new int[userCount() + 1];
    int n = 0;
    for (int p = 0; p < roles.length; p++) {
      if (roles[p] == role) {
        n++;
      }
    }
    int[] out = new int[n];
    int k = 0;
    for (int u = 0; u < userCount(); u++) {
      for (int p = userPtr[u]; p < userPtr[u + 1]; p++) {
        if (roles[p] == role) {
          out[k++] = items[p];
        }
      }
      ptr[u + 1] = k;
    }
    return new HeldOut(ptr, out, itemCount());
  }

  @Override
  public String toString() {
    return userCount() + " users, " + itemCount() + " items, " + size() + " interactions";
  }

  /** Dense order of ids: numeric when all parse as longs, else text order. */
  static Integer[] idOrder(int n, java.util.function.IntFunction<String> id) {
    Integer[] order = new Integer[n];
    boolean numeric = true;
    long[] values = new long[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
      if (numeric) {
        try {
          values[k] = Long.parseLong(id.apply(k));
        } catch (NumberFormatException e) {
          numeric = false;
        }
      }
    }
    if (numeric) {
      Arrays.sort(order, (a, b) -> Long.compare(values[a], values[b]));
    } else {
      Arrays.sort(order, (a, b) -> id.apply(a).compareTo(id.apply(b)));
    }
    return order;
  }
}
