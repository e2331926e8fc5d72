package dev.longview.core.model;

import java.util.Arrays;

/**
 * The one top-K selection every algorithm and the evaluator share: the {@code k} best-scoring items
 * that the filter allows, best first, ties broken by the lower item index (so results are
 * deterministic). A bounded min-heap over primitive arrays: O(n log k), no boxing, no allocation
 * after construction. NaN scores are never selected. Use it in one call ({@code select}, over a
 * dense score array or a sparse candidate list) or fed one candidate at a time ({@code clear},
 * {@code offer}, {@code threshold} for early stopping, {@code drain}). Not thread-safe: one per
 * thread.
 */
public final class TopK {
  private final int k;
  private final int[] heapItems;
  private final float[] heapScores;
  private int size;

  public TopK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k was " + k + "; ask for at least 1 item");
    }
    this.k = k;
    this.heapItems = new int[k];
    this.heapScores = new float[k];
  }

  public int k() {
    return k;
  }

  /**
   * Selects the best items of {@code scores[0..n)} not excluded by {@code filter} (may be null).
   * Returns how many were found (fewer than k when fewer items are allowed); the items and their
   * scores, best first, are written to {@code items} and {@code outScores} (either may be null).
   */
  public int select(float[] scores, int n, ItemFilter filter, int[] items, float[] outScores) {
    return select(scores, null, n, filter, items, outScores);
  }

  /**
   * As {@link #select(float[], int, ItemFilter, int[], float[])} over a sparse candidate list:
   * candidate {@code p < n} is item {@code ids[p]} with score {@code scores[p]} (ids distinct;
   * {@code ids} null means item {@code p}). The filter and the tie-break look at the item, so the
   * answer does not depend on the candidates' order.
   */
  public int select(float[] scores, int[] ids, int n, ItemFilter filter, int[] items,
      float[] outScores) {
    clear();
    for (int p = 0; p < n; p++) {
      int i = ids == null ? p : ids[p];
      if (filter != null && filter.excluded(i)) {
        continue;
      }
      offer(i, scores[p]);
    }
    return drain(items, outScores);
  }

  /** Forgets the kept items, to start a selection fed by {@link #offer}. */
  public TopK clear() {
    size = 0;
    return this;
  }

  /**
   * Offers one candidate (items offered once each): kept while it is among the k best offered
   * since {@link #clear}, by score, ties by the lower item index. NaN is never kept.
   */
  public void offer(int item, float score) {
    if (score != score) {
      return;
    }
    if (size < k) {
      heapItems[size] = item;
      heapScores[size] = score;
      siftUp(size++);
    } else if (better(score, item, heapScores[0], heapItems[0])) {
      heapItems[0] = item;
      heapScores[0] = score;
      siftDown(0);
    }
  }

  /** Whether k items are kept: from then on only a score of at least {@link #threshold} enters. */
  public boolean full() {
    return size == k;
  }

  /**
   * The worst kept score once {@link #full}, negative infinity before: a search that can bound
   * the scores still to come may stop when the bound falls below it (ties can still enter).
   */
  public float threshold() {
    return size == k ? heapScores[0] : Float.NEGATIVE_INFINITY;
  }

  /**
   * Writes the kept items best first to {@code items} and their scores to {@code outScores}
   * (either may be null) and returns how many; the selection is empty afterwards.
   */
  public int drain(int[] items, float[] outScores) {
    int found = size;
    // Pop the worst first into the back of the output.
    for (int out = found - 1; out >= 0; out--) {
      if (items != null) {
        items[out] = heapItems[0];
      }
      if (outScores != null) {
        outScores[out] = heapScores[0];
      }
      size--;
      heapItems[0] = heapItems[size];
      heapScores[0] = heapScores[size];
      siftDown(0);
    }
    return found;
  }

  /** Convenience: the selected item indices, best first. */
  public int[] select(float[] scores, int n, ItemFilter filter) {
    int[] items = new int[k];
    int found = select(scores, n, filter, items, null);
    return found == k ? items : Arrays.copyOf(items, found);
  }

  /** True when (s, i) ranks above (t, j): higher score, or equal score and lower index. */
  private static boolean better(float s, int i, float t, int j) {
    return s > t || (s == t && i < j);
  }

  // Min-heap by rank: the root is the worst of the kept items.
  private void siftUp(int c) {
    while (c > 0) {
      int p = (c - 1) >>> 1;
      if (!better(heapScores[p], heapItems[p], heapScores[c], heapItems[c])) {
        break;
      }
      swap(p, c);
      c = p;
    }
  }

  private void siftDown(int p) {
    while (true) {
      int l = 2 * p + 1;
      if (l >= size) {
        return;
      }
      int r = l + 1;
      int worst = r < size && better(heapScores[l], heapItems[l], heapScores[r], heapItems[r]) ? r : l;
      if (!better(heapScores[p], heapItems[p], heapScores[worst], heapItems[worst])) {
        return;
      }
      swap(p, worst);
      p = worst;
    }
  }

  private void swap(int a, int b) {
    int ti = heapItems[a];
    heapItems[a] = heapItems[b];
    heapItems[b] = ti;
    float ts = heapScores[a];
    heapScores[a] = heapScores[b];
    heapScores[b] = ts;
  }
}
