package dev.longview.eval;

import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation protocol: which interactions count, how the data is filtered and how it is split.
 * Ranking is always full (every catalogue item, no sampled negatives). See PROTOCOLS.md section 1.
 *
 * <p>{@link #prepare} keeps entries with a positive weight of at least {@code minWeight}, drops
 * repeats of a (user, item) pair when {@code binarise} (the earliest entry stays, weight 1), then
 * drops users with fewer than {@code minUserInteractions} and items with fewer than {@code
 * minItemInteractions} interactions, repeated until nothing changes when {@code iterative} (a
 * k-core), once otherwise. Users and items left without interactions are not part of the dataset.
 *
 * @param name preset name, e.g. {@code ml1m-recbole}
 * @param minWeight smallest interaction weight kept (a rating value for MovieLens); 0 keeps all
 *     positive entries
 * @param binarise one entry per (user, item), weight 1
 * @param minUserInteractions users with fewer are dropped; 0 or 1 for none
 * @param minItemInteractions items with fewer are dropped; 0 or 1 for none
 * @param iterative repeat the two filters until stable (k-core)
 * @param splitter how the filtered data is cut
 */
public record Protocol(String name, double minWeight, boolean binarise, int minUserInteractions,
    int minItemInteractions, boolean iterative, Splitter splitter) {

  private static final Map<String, Protocol> PRESETS = new LinkedHashMap<>();

  static {
    // P1: RecBole's ml-1m general benchmark.
    PRESETS.put("ml1m-recbole", new Protocol("ml1m-recbole", 3, true, 10, 10, true,
        Splitter.ratio(0.8, 0.1, 0.1)));
    // P2: time-ordered next item.
    PRESETS.put("next-item", new Protocol("next-item", 0, false, 5, 0, false,
        Splitter.leaveLastOut()));
  }

  public Protocol {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a protocol needs a name");
    }
    if (!(minWeight >= 0) || minUserInteractions < 0 || minItemInteractions < 0) {
      throw new IllegalArgumentException("protocol " + name + " has minWeight " + minWeight
          + ", minUserInteractions " + minUserInteractions + ", minItemInteractions "
          + minItemInteractions + "; use values >= 0");
    }
    if (splitter == null) {
      throw new IllegalArgumentException("protocol " + name + " needs a splitter, e.g. Splitter.ratio(0.8, 0.1, 0.1)");
    }
  }

  /** Names of the presets, in documentation order. */
  public static List<String> presets() {
    return List.copyOf(PRESETS.keySet());
  }

  /** The preset called {@code name}; the message lists the known ones. */
  public static Protocol named(String name) {
    Protocol p = PRESETS.get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown protocol \"" + name + "\"; use one of "
          + String.join(", ", PRESETS.keySet()));
    }
    return p;
  }

  /** Filters {@code snapshot} as this protocol says and re-indexes what is left. */
  public Dataset prepare(InteractionSnapshot snapshot) {
    int n = snapshot.size();
    boolean[] keep = new boolean[n];
    int[] entryUser = new int[n];
    for (int u = 0; u < snapshot.userCount(); u++) {
      java.util.HashSet<Integer> seen = binarise ? new java.util.HashSet<>() : null;
      for (int p = snapshot.userStart(u); p < snapshot.userEnd(u); p++) {
        entryUser[p] = u;
        float w = snapshot.weightAt(p);
        keep[p] = w > 0 && w >= minWeight && (seen == null || seen.add(snapshot.itemAt(p)));
      }
    }
    int[] userDeg = new int[snapshot.userCount()];
    int[] itemDeg = new int[snapshot.itemCount()];
    boolean changed = true;
    boolean first = true;
    while (changed && (first || iterative)) {
      first = false;
      Arrays.fill(userDeg, 0);
      Arrays.fill(itemDeg, 0);
      for (int p = 0; p < n; p++) {
        if (keep[p]) {
          userDeg[entryUser[p]]++;
          itemDeg[snapshot.itemAt(p)]++;
        }
      }
      changed = false;
      for (int p = 0; p < n; p++) {
        if (keep[p] && (userDeg[entryUser[p]] < minUserInteractions
            || itemDeg[snapshot.itemAt(p)] < minItemInteractions)) {
          keep[p] = false;
          changed = true;
        }
      }
    }
    Arrays.fill(userDeg, 0);
    Arrays.fill(itemDeg, 0);
    int kept = 0;
    for (int p = 0; p < n; p++) {
      if (keep[p]) {
        userDeg[entryUser[p]]++;
        itemDeg[snapshot.itemAt(p)]++;
        kept++;
      }
    }
    int[] userSource = denseOrder(userDeg, snapshot::userId);
    int[] itemSource = denseOrder(itemDeg, snapshot::itemId);
    int[] itemDense = new int[snapshot.itemCount()];
    for (int i = 0; i < itemSource.length; i++) {
      itemDense[itemSource[i]] = i;
    }
    int[] userPtr = new int[userSource.length + 1];
    int[] items = new int[kept];
    long[] times = new long[kept];
    float[] weights = new float[kept];
    int k = 0;
    for (int u = 0; u < userSource.length; u++) {
      int s = userSource[u];
      int from = k;
      for (int p = snapshot.userStart(s); p < snapshot.userEnd(s); p++) {
        if (keep[p]) {
          items[k] = itemDense[snapshot.itemAt(p)];
          times[k] = snapshot.epochSecondAt(p);
          weights[k] = binarise ? 1f : snapshot.weightAt(p);
          k++;
        }
      }
      sortByTimeThenItem(items, times, weights, from, k);
      userPtr[u + 1] = k;
    }
    return new Dataset(snapshot, userSource, itemSource, userPtr, items, times, weights);
  }

  /** Source indices with a positive degree, in the order of their external ids. */
  private static int[] denseOrder(int[] degree, java.util.function.IntFunction<String> id) {
    int[] present = java.util.stream.IntStream.range(0, degree.length).filter(x -> degree[x] > 0).toArray();
    Integer[] order = Dataset.idOrder(present.length, x -> id.apply(present[x]));
    int[] out = new int[present.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = present[order[k]];
    }
    return out;
  }

  /** Insertion sort of one row by (time, item); rows arrive nearly sorted (by time already). */
  private static void sortByTimeThenItem(int[] items, long[] times, float[] weights, int from, int to) {
    for (int a = from + 1; a < to; a++) {
      int item = items[a];
      long time = times[a];
      float weight = weights[a];
      int b = a - 1;
      while (b >= from && (times[b] > time || (times[b] == time && items[b] > item))) {
        items[b + 1] = items[b];
        times[b + 1] = times[b];
        weights[b + 1] = weights[b];
        b--;
      }
      items[b + 1] = item;
      times[b + 1] = time;
      weights[b + 1] = weight;
    }
  }

  /** Filters and splits in one call. */
  public Split split(InteractionSnapshot snapshot, long seed) {
    return splitter.split(prepare(snapshot), seed);
  }
}
