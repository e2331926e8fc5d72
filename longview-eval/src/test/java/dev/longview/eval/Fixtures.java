package dev.longview.eval;

import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/** Small hand-made and seeded random data for the tests. */
final class Fixtures {
  private Fixtures() {}

  /**
   * A snapshot of {@code users} users "u0".. and {@code items} items "0".. (numeric ids, one genre
   * each from {@code genres} of them when > 0) with rows {user, item, weight, time}.
   */
  static InteractionSnapshot snapshot(int users, int items, int genres, int[]... rows) {
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < users; u++) {
      b.addUser("u" + u, null, null);
    }
    for (int i = 0; i < items; i++) {
      b.addItem(Integer.toString(i), genres > 0 ? List.of("g" + (i % genres)) : List.of(), null, null, false);
    }
    for (int[] r : rows) {
      b.addInteraction(r[0], r[1], r[2], r[3]);
    }
    return b.build();
  }

  /** A seeded random dataset: each user rates a random set of 3..(items/2) items. */
  static InteractionSnapshot random(long seed, int users, int items) {
    Random rnd = new Random(seed);
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < users; u++) {
      b.addUser("u" + u, null, null);
    }
    for (int i = 0; i < items; i++) {
      b.addItem(Integer.toString(i), List.of("g" + rnd.nextInt(4), "h" + rnd.nextInt(3)), null, null, false);
    }
    for (int u = 0; u < users; u++) {
      int n = 3 + rnd.nextInt(items / 2 - 2);
      java.util.BitSet seen = new java.util.BitSet();
      for (int k = 0; k < n; k++) {
        int i = rnd.nextInt(items);
        if (!seen.get(i)) {
          seen.set(i);
          b.addInteraction(u, i, 1 + rnd.nextInt(5), 1_000_000 + rnd.nextInt(10_000));
        }
      }
    }
    return b.build();
  }

  /** A model whose scores are given per (user, item). */
  static Model model(int users, int items, ScoreFunction f) {
    return new Model() {
      @Override
      public int userCount() {
        return users;
      }

      @Override
      public int itemCount() {
        return items;
      }

      @Override
      public void score(int user, float[] scores) {
        for (int i = 0; i < items; i++) {
          scores[i] = f.score(user, i);
        }
      }
    };
  }

  interface ScoreFunction {
    float score(int user, int item);
  }

  /** Most popular in training: the count of training entries of each item, for every user. */
  static Model popularity(InteractionSnapshot train) {
    float[] pop = new float[train.itemCount()];
    for (int i = 0; i < pop.length; i++) {
      pop[i] = train.itemDegree(i);
    }
    return model(train.userCount(), train.itemCount(), (u, i) -> pop[i]);
  }

  /** A held-out part from explicit item lists per user. */
  static HeldOut heldOut(int items, IntFunction<int[]> perUser, int users) {
    int[] ptr = new int[users + 1];
    java.util.List<Integer> all = new java.util.ArrayList<>();
    for (int u = 0; u < users; u++) {
      for (int i : perUser.apply(u)) {
        all.add(i);
      }
      ptr[u + 1] = all.size();
    }
    return new HeldOut(ptr, all.stream().mapToInt(Integer::intValue).toArray(), items);
  }

  /** {@code shared/data} found by walking up from the working directory, or null. */
  static Path sharedData() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
