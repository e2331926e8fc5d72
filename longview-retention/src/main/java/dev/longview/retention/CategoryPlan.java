package dev.longview.retention;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The category plan of {@link CategorySlate}: which categories each page shows, then the best
 * candidate of each. Package-private; {@link RetentionAwareReranker} calls it.
 */
final class CategoryPlan {
  private CategoryPlan() {}

  /**
   * The order of {@code candidates[0..n)} (as positions into it) for the first {@code slots}
   * slots.
   *
   * @param base each candidate's score (higher first within a category)
   * @param pref the user's category shares by category index; null when unknown
   * @param random rotates the explored categories per user; null = no rotation
   */
  static int[] order(int[] candidates, double[] base, int n, int slots, ItemSignals signals,
      CategorySlate slate, float[] pref, RandomGenerator random) {
    int cats = 0;
    for (int c = 0; c < n; c++) {
      cats = Math.max(cats, signals.category()[candidates[c]] + 1);
    }
    // Candidates grouped by category (bucket sort), each bucket best score first.
    int[] start = new int[cats + 1];
    for (int c = 0; c < n; c++) {
      int cat = signals.category()[candidates[c]];
      if (cat >= 0) {
        start[cat + 1]++;
      }
    }
    for (int k = 0; k < cats; k++) {
      start[k + 1] += start[k];
    }
    int[] fill = start.clone();
    Integer[] grouped = new Integer[start[cats]];
    for (int c = 0; c < n; c++) {
      int cat = signals.category()[candidates[c]];
      if (cat >= 0) {
        grouped[fill[cat]++] = c;
      }
    }
    for (int k = 0; k < cats; k++) {
      java.util.Arrays.sort(grouped, start[k], start[k + 1], (a, b) -> base[a] != base[b]
          ? Double.compare(base[b], base[a]) : Integer.compare(a, b));
    }
    // Admitted categories: the user's own by share (then value), the others by value.
    List<Integer> liked = new ArrayList<>();
    List<Integer> others = new ArrayList<>();
    boolean[] admitted = slate.admitted(signals);
    for (int k = 0; k < cats; k++) {
      if (start[k + 1] > start[k] && (admitted.length == 0 || k < admitted.length && admitted[k])) {
        (share(pref, k) > 0 ? liked : others).add(k);
      }
    }
    liked.sort((a, b) -> share(pref, a) != share(pref, b)
        ? Float.compare(share(pref, b), share(pref, a)) : byValue(signals, a, b));
    others.sort((a, b) -> byValue(signals, a, b));
    int rot = others.isEmpty() || random == null ? 0 : random.nextInt(others.size());
    int[] next = java.util.Arrays.copyOf(start, cats);
    boolean[] used = new boolean[n];
    int[] out = new int[slots];
    int k = 0;
    for (int page = 0; k < slots; page++) {
      int pageEnd = Math.min(slots, k + slate.pageSize());
      int before = k;
      List<Integer> plan = new ArrayList<>(liked);
      int explore = liked.isEmpty() ? others.size() : Math.min(slate.explore(), others.size());
      int step = liked.isEmpty() ? slate.pageSize() : slate.explore();
      for (int j = 0; j < explore; j++) {
        plan.add(others.get(Math.floorMod(rot + page * step + j, others.size())));
      }
      for (int cat : plan) {
        if (k < pageEnd && next[cat] < start[cat + 1]) {
          int c = grouped[next[cat]++];
          used[c] = true;
          out[k++] = c;
        }
      }
      // Slots left: more of the user's categories, then of any admitted one, in plan order.
      List<Integer> more = new ArrayList<>(plan);
      for (int cat : others) {
        if (!plan.contains(cat)) {
          more.add(cat);
        }
      }
      boolean progress = true;
      while (k < pageEnd && progress) {
        progress = false;
        for (int cat : more) {
          if (k < pageEnd && next[cat] < start[cat + 1]) {
            int c = grouped[next[cat]++];
            used[c] = true;
            out[k++] = c;
            progress = true;
          }
        }
      }
      if (k == before) {
        break;
      }
    }
    // Every admitted item is placed: the rest in the candidates' order.
    for (int c = 0; c < n && k < slots; c++) {
      if (!used[c]) {
        out[k++] = c;
      }
    }
    return out;
  }

  private static float share(float[] pref, int cat) {
    return pref != null && cat < pref.length ? pref[cat] : 0;
  }

  private static int byValue(ItemSignals signals, int a, int b) {
    double va = signals.categoryValue(a);
    double vb = signals.categoryValue(b);
    return va != vb ? Double.compare(vb, va) : Integer.compare(a, b);
  }
}
