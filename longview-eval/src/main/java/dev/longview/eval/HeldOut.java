package dev.longview.eval;

import java.util.Arrays;

/**
 * Held-out items of every user (the valid or the test part of a split), as a CSR structure in the
 * split's dense index space. Immutable and thread-safe.
 */
public final class HeldOut {
  private final int[] userPtr;
  private final int[] items;
  private final int itemCount;

  HeldOut(int[] userPtr, int[] items, int itemCount) {
    this.userPtr = userPtr;
    this.items = items;
    this.itemCount = itemCount;
  }

  public int userCount() {
    return userPtr.length - 1;
  }

  public int itemCount() {
    return itemCount;
  }

  /** Number of held-out entries over all users. */
  public int size() {
    return items.length;
  }

  /** Held-out items of {@code user} (a copy), in time order. */
  public int[] items(int user) {
    return Arrays.copyOfRange(items, userPtr[user], userPtr[user + 1]);
  }

  public int count(int user) {
    return userPtr[user + 1] - userPtr[user];
  }

  int start(int user) {
    return userPtr[user];
  }

  int end(int user) {
    return userPtr[user + 1];
  }

  int itemAt(int position) {
    return items[position];
  }
}
