package dev.longview.text.coldstart;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.util.BitSet;
import java.util.Map;
import java.util.Random;

/**
 * The new-item split: a seeded {@code coldFraction} of the items with any interaction become
 * "cold" and lose every interaction to the test side; each user's interactions with the other
 * (warm) items are shuffled with the same seed and {@code floor(testFraction n)} of them go to the
 * test side too (for the hybrid's warm half). Training keeps the rest, over the same dense user
 * and item indices as the input, so a model trained on {@link #train} scores cold items (having
 * seen nothing of them). Immutable.
 */
public final class ColdStartSplit {
  final InteractionSnapshot all;
  final InteractionSnapshot train;
  final BitSet cold;
  final int[] coldItems;
  final int[][] coldTest; // per user, cold items consumed
  final int[][] warmTest; // per user, held-out warm items
  final int[][] trainItems; // per user, training items

  private ColdStartSplit(InteractionSnapshot all, InteractionSnapshot train, BitSet cold,
      int[][] coldTest, int[][] warmTest, int[][] trainItems) {
    this.all = all;
    this.train = train;
    this.cold = cold;
    this.coldItems = cold.stream().toArray();
    this.coldTest = coldTest;
    this.warmTest = warmTest;
    this.trainItems = trainItems;
  }

  /** Splits {@code all}; same snapshot, fractions and seed give the same split. */
  public static ColdStartSplit of(InteractionSnapshot all, double coldFraction, double testFraction, long seed) {
    if (!(coldFraction > 0 && coldFraction < 1)) {
      throw new IllegalArgumentException("coldFraction was " + coldFraction + "; use a fraction in (0, 1), e.g. 0.1");
    }
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction was " + testFraction + "; use a fraction in [0, 1), e.g. 0.2");
    }
    int items = all.itemCount();
    int[] seen = java.util.stream.IntStream.range(0, items).filter(i -> all.itemDegree(i) > 0).toArray();
    Random r = new Random(seed);
    shuffle(seen, seen.length, r);
    int coldCount = (int) Math.ceil(coldFraction * seen.length);
    BitSet cold = new BitSet(items);
    for (int k = 0; k < coldCount; k++) {
      cold.set(seen[k]);
    }
    return withColdItems(all, cold, testFraction, r);
  }

  /**
   * Splits {@code all} with the given items as the cold ones (e.g. the items created after a
   * date); {@code seed} shuffles each user's warm interactions for the held-out warm share.
   */
  public static ColdStartSplit withColdItems(InteractionSnapshot all, BitSet cold, double testFraction, long seed) {
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction was " + testFraction + "; use a fraction in [0, 1), e.g. 0.2");
    }
    if (cold.length() > all.itemCount()) {
      throw new IllegalArgumentException("cold item " + (cold.length() - 1) + " is outside the "
          + all.itemCount() + " items of the snapshot");
    }
    return withColdItems(all, (BitSet) cold.clone(), testFraction, new Random(seed));
  }

  private static ColdStartSplit withColdItems(InteractionSnapshot all, BitSet cold, double testFraction, Random r) {
    int items = all.itemCount();
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < all.userCount(); u++) {
      b.addUser(all.userId(u), null, Map.of());
    }
    for (int i = 0; i < items; i++) {
      b.addItem(all.itemId(i), all.itemCategories(i), all.itemTitle(i), null, all.itemHidden(i));
    }
    int users = all.userCount();
    int[][] coldTest = new int[users][];
    int[][] warmTest = new int[users][];
    int[][] trainItems = new int[users][];
    for (int u = 0; u < users; u++) {
      int start = all.userStart(u);
      int end = all.userEnd(u);
      int[] warmPos = new int[end - start];
      int nw = 0;
      int nc = 0;
      for (int p = start; p < end; p++) {
        if (cold.get(all.itemAt(p))) {
          nc++;
        } else {
          warmPos[nw++] = p;
        }
      }
      int[] ct = new int[nc];
      nc = 0;
      for (int p = start; p < end; p++) {
        if (cold.get(all.itemAt(p))) {
          ct[nc++] = all.itemAt(p);
        }
      }
      shuffle(warmPos, nw, r);
      int nTest = (int) Math.floor(testFraction * nw);
      int[] wt = new int[nTest];
      int[] tr = new int[nw - nTest];
      for (int k = 0; k < nw; k++) {
        int p = warmPos[k];
        if (k < nTest) {
          wt[k] = all.itemAt(p);
        } else {
          tr[k - nTest] = all.itemAt(p);
          b.addInteraction(u, all.itemAt(p), all.weightAt(p), all.epochSecondAt(p));
        }
      }
      java.util.Arrays.sort(ct);
      java.util.Arrays.sort(wt);
      java.util.Arrays.sort(tr);
      coldTest[u] = ct;
      warmTest[u] = wt;
      trainItems[u] = tr;
    }
    return new ColdStartSplit(all, b.build(), cold, coldTest, warmTest, trainItems);
  }

  private static void shuffle(int[] a, int n, Random r) {
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Training interactions: warm items only, the held-out warm share removed. */
  public InteractionSnapshot train() {
    return train;
  }

  public boolean isCold(int item) {
    return cold.get(item);
  }

  public int coldItemCount() {
    return coldItems.length;
  }

  public int coldTestCount() {
    int n = 0;
    for (int[] t : coldTest) {
      n += t.length;
    }
    return n;
  }

  public int warmTestCount() {
    int n = 0;
    for (int[] t : warmTest) {
      n += t.length;
    }
    return n;
  }
}
