package dev.longview.algorithms;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.util.List;
import java.util.SplittableRandom;

/** Small hand-built and planted snapshots for tests. */
final class Snapshots {
  private Snapshots() {}

  /** One entry of weight 1 per (user, item) listed; users are rows. */
  static InteractionSnapshot of(int items, int[][] rows) {
    SnapshotBuilder b = builder(rows.length, items);
    for (int u = 0; u < rows.length; u++) {
      for (int i : rows[u]) {
        b.addInteraction(u, i, 1f, 1_700_000_000L);
      }
    }
    return b.build();
  }

  static SnapshotBuilder builder(int users, int items) {
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < users; u++) {
      b.addUser("u" + u, null, null);
    }
    for (int i = 0; i < items; i++) {
      b.addItem("i" + i, List.of(), null, null, false);
    }
    return b;
  }

  /**
   * A planted block structure: {@code groups} user groups, each interested in its own block of
   * {@code items / groups} items; each user takes each item of the block with probability
   * {@code density} and any other item with probability {@code noise}.
   */
  static int[][] planted(int users, int items, int groups, double density, double noise,
      long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[][] rows = new int[users][];
    int block = items / groups;
    for (int u = 0; u < users; u++) {
      int g = u % groups;
      int[] row = new int[items];
      int n = 0;
      for (int i = 0; i < items; i++) {
        boolean inBlock = i / block == g;
        if (r.nextDouble() < (inBlock ? density : noise)) {
          row[n++] = i;
        }
      }
      rows[u] = java.util.Arrays.copyOf(row, n);
    }
    return rows;
  }

  /** The group a planted item belongs to. */
  static int groupOf(int item, int items, int groups) {
    return item / (items / groups);
  }
}
