package dev.longview.pipeline;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Working arrays of one request, sized to the catalogue, reused across requests instead of being
 * allocated and zeroed each time (a request would otherwise allocate several arrays of
 * {@code itemCount} entries: ~100 KB per request on ml-1m).
 *
 * <p>Invariant between uses: {@link #itemAnchor} and {@link #slotOf} are all -1 (an item with
 * anchor -1 is untouched: its {@link #itemScore} and {@link #itemBest} are stale and get
 * overwritten on first touch); whoever writes them resets the entries it wrote (the list of
 * touched items says which) before the next user, so a reset costs what the request touched, not
 * the catalogue. Not thread-safe: one request holds it at a time.
 *
 * <p>The server runs each request on its own virtual thread, so a {@code ThreadLocal} would give
 * every request a fresh set; {@link Pool} hands them out instead.
 */
final class Scratch {
  /** Per item: an accumulated recall score (item-kNN, text neighbours). */
  final float[] itemScore;
  /** Per item: the largest single contribution (for the reason's anchor). */
  final float[] itemBest;
  /** Per item: the anchor of {@link #itemBest}, -1 while untouched (between uses: all -1). */
  final int[] itemAnchor;
  /** Per item: its candidate slot ({@link Candidates}); -1 between uses. */
  final int[] slotOf;
  /** The items a recall source touched in {@link #itemScore}. */
  int[] touched;

  Scratch(int items) {
    this.itemScore = new float[items];
    this.itemBest = new float[items];
    this.itemAnchor = new int[items];
    Arrays.fill(itemAnchor, -1);
    this.slotOf = new int[items];
    Arrays.fill(slotOf, -1);
    this.touched = new int[Math.min(items, 1024)];
  }

  /** Records {@code item} as touched (call on its first contribution); returns the new count. */
  int touch(int count, int item) {
    if (count == touched.length) {
      touched = Arrays.copyOf(touched, Math.min(itemScore.length, touched.length * 2));
    }
    touched[count] = item;
    return count + 1;
  }

  /** Marks the first {@code count} touched items untouched again ({@link #itemAnchor} -1). */
  void clearTouched(int count) {
    for (int t = 0; t < count; t++) {
      itemAnchor[touched[t]] = -1;
    }
  }

  /**
   * A small lock-free pool of scratch sets for one catalogue size (one per model set). A request
   * takes one (or gets a new one when all are out) and gives it back at its end; sets beyond the
   * pool's capacity are left to the garbage collector. Thread-safe.
   */
  static final class Pool {
    private final int items;
    private final AtomicReferenceArray<Scratch> slots;

    Pool(int items, int capacity) {
      this.items = items;
      this.slots = new AtomicReferenceArray<>(capacity);
    }

    Scratch take() {
      for (int i = 0; i < slots.length(); i++) {
        if (slots.get(i) != null) {
          Scratch s = slots.getAndSet(i, null);
          if (s != null) {
            return s;
          }
        }
      }
      return new Scratch(items);
    }

    /** Gives {@code s} back; it must satisfy the class invariant (all reset). */
    void give(Scratch s) {
      for (int i = 0; i < slots.length(); i++) {
        if (slots.get(i) == null && slots.compareAndSet(i, null, s)) {
          return;
        }
      }
    }
  }
}
