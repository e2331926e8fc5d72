package dev.longview.algorithms;

import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.Arrays;

/**
 * The user x item matrix every model in this package trains on: one cell per distinct (user, item)
 * pair whose weights sum to more than zero, value 1. Repeated entries of the same pair are summed
 * first, so a like followed by a cancellation ({@code +1, -1}) is no interaction, and a dislike
 * alone (negative weight) is none either; the magnitude of a positive sum is dropped (binarised),
 * which is the P1 protocol's reading of ratings and the usual one for implicit feedback.
 *
 * <p>Held as CSR by user and CSC by item, each row and column sorted by index, so that
 * {@link #contains} is a binary search. Immutable and thread-safe.
 */
final class BinaryMatrix {
  final int users;
  final int items;
  final int[] userPtr;
  final int[] userItems;
  final int[] itemPtr;
  final int[] itemUsers;

  private BinaryMatrix(int users, int items, int[] userPtr, int[] userItems) {
    this.users = users;
    this.items = items;
    this.userPtr = userPtr;
    this.userItems = userItems;
    this.itemPtr = new int[items + 1];
    for (int item : userItems) {
      itemPtr[item + 1]++;
    }
    for (int i = 0; i < items; i++) {
      itemPtr[i + 1] += itemPtr[i];
    }
    this.itemUsers = new int[userItems.length];
    int[] fill = Arrays.copyOf(itemPtr, items);
    for (int u = 0; u < users; u++) {
      for (int p = userPtr[u]; p < userPtr[u + 1]; p++) {
        itemUsers[fill[userItems[p]]++] = u;
      }
    }
  }

  static BinaryMatrix of(InteractionSnapshot s) {
    int users = s.userCount();
    int items = s.itemCount();
    float[] sum = new float[items];
    boolean[] seen = new boolean[items];
    int[] touched = new int[items];
    int[] ptr = new int[users + 1];
    int[] out = new int[Math.max(16, s.size())];
    int n = 0;
    for (int u = 0; u < users; u++) {
      int t = 0;
      for (int p = s.userStart(u); p < s.userEnd(u); p++) {
        int i = s.itemAt(p);
        if (!seen[i]) {
          seen[i] = true;
          touched[t++] = i;
        }
        sum[i] += s.weightAt(p);
      }
      Arrays.sort(touched, 0, t);
      for (int k = 0; k < t; k++) {
        int i = touched[k];
        if (sum[i] > 0) {
          out[n++] = i;
        }
        sum[i] = 0;
        seen[i] = false;
      }
      ptr[u + 1] = n;
    }
    return new BinaryMatrix(users, items, ptr, Arrays.copyOf(out, n));
  }

  /** For tests and benchmarks: a matrix from rows of item indices (sorted and deduplicated here). */
  static BinaryMatrix ofRows(int items, int[][] rows) {
    int[] ptr = new int[rows.length + 1];
    int[] all = new int[Arrays.stream(rows).mapToInt(r -> r.length).sum()];
    int n = 0;
    for (int u = 0; u < rows.length; u++) {
      int[] r = Arrays.stream(rows[u]).sorted().distinct().toArray();
      System.arraycopy(r, 0, all, n, r.length);
      n += r.length;
      ptr[u + 1] = n;
    }
    return new BinaryMatrix(rows.length, items, ptr, Arrays.copyOf(all, n));
  }

  int nnz() {
    return userItems.length;
  }

  int userDegree(int u) {
    return userPtr[u + 1] - userPtr[u];
  }

  int itemDegree(int i) {
    return itemPtr[i + 1] - itemPtr[i];
  }

  boolean contains(int u, int i) {
    return Arrays.binarySearch(userItems, userPtr[u], userPtr[u + 1], i) >= 0;
  }
}
