package dev.longview.pipeline;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A planted shop for tests: {@code groups} categories ("c0", "c1", ...), each with
 * {@code perGroup} items; user u belongs to group u % groups and interacts with items of its
 * group (probability {@code density}) and rarely others. The last {@code newPerGroup} items of
 * each category get no interactions (new items). Times: one hour apart per user row, recent
 * enough to be trending.
 */
final class Shop {
  private Shop() {}

  static InteractionSnapshot planted(int users, int groups, int perGroup, int newPerGroup,
      double density, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < users; u++) {
      b.addUser("u" + u, null, null);
    }
    int items = groups * perGroup;
    for (int i = 0; i < items; i++) {
      b.addItem("i" + i, List.of("c" + (i / perGroup)), "Item " + i, null, false);
    }
    long t0 = 1_700_000_000L;
    for (int u = 0; u < users; u++) {
      int g = u % groups;
      long t = t0 + u;
      for (int i = 0; i < items; i++) {
        boolean isNew = i % perGroup >= perGroup - newPerGroup;
        if (isNew) {
          continue;
        }
        boolean inGroup = i / perGroup == g;
        if (r.nextDouble() < (inGroup ? density : 0.01)) {
          b.addInteraction(u, i, 1f, t);
          t += 3600;
        }
      }
    }
    return b.build();
  }

  static InteractionSnapshot small() {
    return planted(120, 3, 20, 2, 0.4, 7);
  }

  /** Fast models: few iterations and factors. */
  static PipelineConfig config() {
    return PipelineConfig.defaults();
  }
}
