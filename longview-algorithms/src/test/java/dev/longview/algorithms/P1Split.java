package dev.longview.algorithms;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The P1 protocol of PROTOCOLS.md (RecBole's ml-1m general setting), as a small stand-in until
 * the evaluator module lands: ratings >= 3 binarised; iterative 10-core on users and items; per
 * user (in increasing user id order) a Fisher-Yates shuffle of the user's items (sorted by item
 * id first) with one {@code java.util.Random(seed)} shared across users; then RecBole's ratio cut:
 * valid = floor(0.1 n), test = floor(0.1 n), train = the rest (the first items of the shuffle).
 * Dense indices: users and items in increasing id order.
 */
final class P1Split {
  final int users;
  final int items;
  final int interactions;
  final int[][] train;
  final int[][] valid;
  final int[][] test;

  private P1Split(int users, int items, int interactions, int[][] train, int[][] valid,
      int[][] test) {
    this.users = users;
    this.items = items;
    this.interactions = interactions;
    this.train = train;
    this.valid = valid;
    this.test = test;
  }

  static P1Split load(Path ratings, long seed) throws IOException {
    int maxUser = 0;
    int maxItem = 0;
    List<int[]> pairs = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(ratings, StandardCharsets.ISO_8859_1)) {
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split("::");
        if (f.length < 3 || Integer.parseInt(f[2].trim()) < 3) {
          continue;
        }
        int u = Integer.parseInt(f[0]);
        int i = Integer.parseInt(f[1]);
        pairs.add(new int[] {u, i});
        maxUser = Math.max(maxUser, u);
        maxItem = Math.max(maxItem, i);
      }
    }
    boolean[] aliveU = new boolean[maxUser + 1];
    boolean[] aliveI = new boolean[maxItem + 1];
    Arrays.fill(aliveU, true);
    Arrays.fill(aliveI, true);
    while (true) {
      int[] du = new int[maxUser + 1];
      int[] di = new int[maxItem + 1];
      for (int[] p : pairs) {
        if (aliveU[p[0]] && aliveI[p[1]]) {
          du[p[0]]++;
          di[p[1]]++;
        }
      }
      boolean changed = false;
      for (int u = 0; u <= maxUser; u++) {
        if (aliveU[u] && du[u] < 10) {
          aliveU[u] = false;
          changed = true;
        }
      }
      for (int i = 0; i <= maxItem; i++) {
        if (aliveI[i] && di[i] < 10) {
          aliveI[i] = false;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    int[] uIndex = new int[maxUser + 1];
    int[] iIndex = new int[maxItem + 1];
    int users = 0;
    int items = 0;
    for (int u = 0; u <= maxUser; u++) {
      uIndex[u] = aliveU[u] ? users++ : -1;
    }
    for (int i = 0; i <= maxItem; i++) {
      iIndex[i] = aliveI[i] ? items++ : -1;
    }
    List<List<Integer>> rows = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      rows.add(new ArrayList<>());
    }
    int n = 0;
    for (int[] p : pairs) {
      if (aliveU[p[0]] && aliveI[p[1]]) {
        rows.get(uIndex[p[0]]).add(iIndex[p[1]]);
        n++;
      }
    }
    Random random = new Random(seed);
    int[][] train = new int[users][];
    int[][] valid = new int[users][];
    int[][] test = new int[users][];
    for (int u = 0; u < users; u++) {
      int[] row = rows.get(u).stream().mapToInt(Integer::intValue).sorted().toArray();
      for (int k = row.length - 1; k > 0; k--) {
        int j = random.nextInt(k + 1);
        int t = row[k];
        row[k] = row[j];
        row[j] = t;
      }
      int nv = (int) Math.floor(0.1 * row.length);
      int nt = (int) Math.floor(0.1 * row.length);
      int ntr = row.length - nv - nt;
      train[u] = Arrays.copyOfRange(row, 0, ntr);
      valid[u] = Arrays.copyOfRange(row, ntr, ntr + nv);
      test[u] = Arrays.copyOfRange(row, ntr + nv, row.length);
    }
    return new P1Split(users, items, n, train, valid, test);
  }

  /** A snapshot of the given rows (weight 1 each), users and items numbered as here. */
  InteractionSnapshot snapshot(int[][]... parts) {
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < users; u++) {
      b.addUser("u" + u, null, null);
    }
    for (int i = 0; i < items; i++) {
      b.addItem("i" + i, List.of(), null, null, false);
    }
    for (int[][] part : parts) {
      for (int u = 0; u < users; u++) {
        for (int i : part[u]) {
          b.addInteraction(u, i, 1f, 0L);
        }
      }
    }
    return b.build();
  }
}
