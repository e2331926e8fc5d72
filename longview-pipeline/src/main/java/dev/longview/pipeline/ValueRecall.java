package dev.longview.pipeline;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.retention.ItemSignals;

/**
 * Value-aware recall: the items with the highest long-term value estimate
 * ({@link RetentionSignals#items()}: the {@code LongTermValueEstimator}'s shrunk per-item values,
 * learnt from observable return days only), restricted to the categories of the user's anchors
 * when the request has any, each offered with its value as score. Only items with a positive
 * value (above the global mean) are offered; filtered items (consumed, hidden, excluded: the
 * shared {@code ItemFilter}) are skipped. Offers nothing when the model set has no retention
 * signals (retention stage off). Brings items into the retention stage's pool that the
 * engagement-driven sources (item-kNN over clicks, trending) do not find.
 *
 * <p>Added by {@link Pipeline#standard(PipelineConfig)} only with the
 * retention stage on and a positive weight (the policy lab's
 * {@code longview}; serving does not add it). Stateless and thread-safe.
 */
final class ValueRecall implements RecallSource {
  private final int size;
  private final boolean personal;
  private final dev.longview.retention.CategorySlate slate;

  /** @param size candidates offered at most (replaces the pipeline's recall limit) */
  ValueRecall(int size) {
    this(size, false);
  }

  /**
   * @param size candidates offered at most (replaces the pipeline's recall limit)
   * @param personal score each item by its value times the user's preference for its category
   *     (the category's share of the anchors) and offer the best {@code size} by that score: the
   *     same valuable items no longer go to everyone who touched a category, each user gets the
   *     valuable items of the categories they use most
   */
  ValueRecall(int size, boolean personal) {
    this(size, personal, null);
  }

  /**
   * With a category plan ({@code slate} not null): the items of the admitted categories
   * ({@link dev.longview.retention.CategorySlate#admitted}), each category's highest values first,
   * taken in turns across the categories (so every admitted category is offered about
   * {@code size / admitted} items), each offered with its value as score; {@code personal} is then
   * ignored. Feeds the plan, which needs items of every category it may place.
   */
  ValueRecall(int size, boolean personal, dev.longview.retention.CategorySlate slate) {
    if (size < 1) {
      throw new IllegalArgumentException("value recall size was " + size + "; use >= 1");
    }
    this.size = size;
    this.personal = personal;
    this.slate = slate;
  }

  @Override
  public String name() {
    return "value";
  }

  @Override
  public void recall(RequestContext ctx, int limit, CandidateSink out) {
    RetentionSignals signals = ctx.models().retention();
    if (signals == null) {
      return;
    }
    int[] order = signals.valueOrder();
    ItemSignals items = signals.items();
    if (slate != null) {
      recallAdmitted(ctx, items, out);
      return;
    }
    InteractionSnapshot s = ctx.snapshot();
    float[] pref = ctx.categoryPreference();
    boolean known = false;
    for (float p : pref) {
      known |= p > 0;
    }
    if (personal && known) {
      recallPersonal(ctx, order, items, s, pref, out);
      return;
    }
    int found = 0;
    for (int r = 0; r < order.length && found < size; r++) {
      int i = order[r];
      if (ctx.filter().excluded(i) || (known && !liked(s.itemCategoryIndices(i), pref))) {
        continue;
      }
      out.offer(i, (float) items.value()[i], -1);
      found++;
    }
  }

  private void recallPersonal(RequestContext ctx, int[] order, ItemSignals items,
      InteractionSnapshot s, float[] pref, CandidateSink out) {
    // order holds the positive-value items, highest first; keep the best `size` by value x pref
    java.util.PriorityQueue<double[]> best = new java.util.PriorityQueue<>(
        (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(b[1], a[1]));
    for (int i : order) {
      if (ctx.filter().excluded(i)) {
        continue;
      }
      float p = 0;
      for (int c : s.itemCategoryIndices(i)) {
        if (c < pref.length) {
          p = Math.max(p, pref[c]);
        }
      }
      if (p <= 0) {
        continue;
      }
      double score = items.value()[i] * p;
      if (best.size() < size) {
        best.add(new double[] {score, i});
      } else if (score > best.peek()[0]) {
        best.poll();
        best.add(new double[] {score, i});
      }
    }
    double[][] chosen = best.toArray(new double[0][]);
    java.util.Arrays.sort(chosen, (a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0])
        : Double.compare(a[1], b[1]));
    for (double[] c : chosen) {
      out.offer((int) c[1], (float) c[0], -1);
    }
  }

  private void recallAdmitted(RequestContext ctx, ItemSignals items, CandidateSink out) {
    boolean[] admitted = slate.admitted(items);
    int open = 0;
    for (boolean a : admitted) {
      open += a ? 1 : 0;
    }
    if (open == 0) {
      return;
    }
    // Each admitted category's best `cap` unfiltered items, then offered in turns.
    int cap = (size + open - 1) / open;
    int[][] best = new int[admitted.length][];
    int[] found = new int[admitted.length];
    for (int k = 0; k < admitted.length; k++) {
      if (!admitted[k]) {
        continue;
      }
      best[k] = new int[cap];
      for (int i : ctx.models().retention().itemsByValue(k)) {
        if (found[k] == cap) {
          break;
        }
        if (!ctx.filter().excluded(i)) {
          best[k][found[k]++] = i;
        }
      }
    }
    int offered = 0;
    for (int r = 0; r < cap && offered < size; r++) {
      for (int k = 0; k < admitted.length && offered < size; k++) {
        if (r < found[k]) {
          int i = best[k][r];
          out.offer(i, (float) items.value()[i], -1);
          offered++;
        }
      }
    }
  }

  private static boolean liked(int[] cats, float[] pref) {
    for (int c : cats) {
      if (c < pref.length && pref[c] > 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String reason(RequestContext ctx, int item, int anchor, String anchorAction) {
    return "people who chose it kept coming back";
  }
}
