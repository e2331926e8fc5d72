package dev.longview.core.model;

import java.util.BitSet;

/**
 * The items a ranking must not return, as one bit set per request (already-consumed items, hidden
 * items, business exclusions). Shared by every algorithm so that "a filtered item is never
 * returned" holds in one place. Mutable and not thread-safe: one per request or per thread.
 */
public final class ItemFilter {
  private final BitSet excluded;
  private final int itemCount;

  public ItemFilter(int itemCount) {
    if (itemCount < 0) {
      throw new IllegalArgumentException("itemCount was " + itemCount + "; use a count >= 0");
    }
    this.itemCount = itemCount;
    this.excluded = new BitSet(itemCount);
  }

  public int itemCount() {
    return itemCount;
  }

  public ItemFilter exclude(int item) {
    excluded.set(item);
    return this;
  }

  public ItemFilter excludeAll(BitSet items) {
    excluded.or(items);
    return this;
  }

  public boolean excluded(int item) {
    return excluded.get(item);
  }

  /** Forgets every exclusion, to reuse the filter for the next request. */
  public ItemFilter clear() {
    excluded.clear();
    return this;
  }
}
