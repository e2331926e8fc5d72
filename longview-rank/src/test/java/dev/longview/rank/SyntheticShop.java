package dev.longview.rank;

import dev.longview.algorithms.Algorithms;
import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny shop where context decides clicks: 40 items, half in category A and half in B, with
 * popularity independent of category. In the history (the snapshot) users interact at random
 * hours. In the logged impressions that follow, each session shows 10 unseen items in the morning
 * (08:00 UTC) or the evening (20:00 UTC); A items are clicked in the morning with probability 0.7
 * and B items with 0.05, the reverse in the evening. No context-free order can know which half to
 * put first.
 */
final class SyntheticShop {
  static final long T0 = 1_700_000_000L - 1_700_000_000L % 86_400L; // a midnight UTC
  static final int ITEMS = 40;

  final InteractionSnapshot snapshot;
  final RecallSet recall;
  final List<TrainingGroups.Impression> trainLog = new ArrayList<>();
  final List<TrainingGroups.Impression> testLog = new ArrayList<>();

  SyntheticShop(int users, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    SnapshotBuilder b = new SnapshotBuilder();
    for (int i = 0; i < ITEMS; i++) {
      b.addItem("i" + i, List.of(i < ITEMS / 2 ? "A" : "B"), "item " + i, 10.0 + i, false);
    }
    for (int u = 0; u < users; u++) {
      b.addUser("u" + u, null, null);
    }
    // Zipf-like popularity over a shuffled item order, so it does not follow the category.
    int[] perm = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      perm[i] = i;
    }
    for (int i = ITEMS - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    double[] cum = new double[ITEMS];
    double total = 0;
    for (int r = 0; r < ITEMS; r++) {
      total += 1.0 / (r + 1);
      cum[r] = total;
    }
    boolean[][] seen = new boolean[users][ITEMS];
    for (int u = 0; u < users; u++) {
      for (int k = 0; k < 8; k++) {
        double x = rnd.nextDouble() * total;
        int r = 0;
        while (cum[r] < x) {
          r++;
        }
        int item = perm[r];
        seen[u][item] = true;
        b.addInteraction(u, item, 1f, T0 + rnd.nextLong(30 * 86_400L));
      }
    }
    snapshot = b.build();
    Model pop = Algorithms.trainer("pop", Map.of(), seed).train(snapshot);
    recall = new RecallSet(List.of("pop"), List.of(pop), ITEMS);
    for (int u = 0; u < users; u++) {
      List<TrainingGroups.Impression> log = u < users * 2 / 3 ? trainLog : testLog;
      for (int s = 0; s < 6; s++) {
        boolean morning = rnd.nextBoolean();
        long t = T0 + (31 + s) * 86_400L + (morning ? 8 : 20) * 3_600L;
        List<Integer> unseen = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
          if (!seen[u][i]) {
            unseen.add(i);
          }
        }
        for (int k = 0; k < 10; k++) {
          int item = unseen.remove(rnd.nextInt(unseen.size()));
          boolean a = item < ITEMS / 2;
          double p = a == morning ? 0.7 : 0.05;
          log.add(new TrainingGroups.Impression(u, item, t + k, s % 2 == 0 ? "mobile" : "web",
              "u" + u + "-s" + s, rnd.nextDouble() < p));
        }
      }
    }
  }

  ItemFilter historyFilter(int user) {
    ItemFilter f = new ItemFilter(snapshot.itemCount());
    if (user >= 0) {
      for (int p = snapshot.userStart(user); p < snapshot.userEnd(user); p++) {
        f.exclude(snapshot.itemAt(p));
      }
    }
    return f;
  }

  List<LabeledGroup> groups(List<TrainingGroups.Impression> log) {
    return TrainingGroups.fromImpressions(log, 1800,
        (user, shown, ctx) -> recall.requestFor(user, shown, historyFilter(user), ctx));
  }
}
