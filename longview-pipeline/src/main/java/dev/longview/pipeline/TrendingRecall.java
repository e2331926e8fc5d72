package dev.longview.pipeline;

import dev.longview.core.snapshot.InteractionSnapshot;

/**
 * Popular/trending recall: items by the number of positive interactions in the last
 * {@code trendingDays} of the snapshot, ties broken by all-time popularity. Serves everyone,
 * including unknown users: the bottom of the fallback chain ({@code pop}). Walks the precomputed
 * order and skips filtered items, so it always fills the page when enough items are allowed.
 */
final class TrendingRecall implements RecallSource {
  @Override
  public String name() {
    return "trending";
  }

  @Override
  public void recall(RequestContext ctx, int limit, CandidateSink out) {
    ModelSet m = ctx.models();
    int found = 0;
    for (int r = 0; r < m.trendingOrder.length && found < limit; r++) {
      int i = m.trendingOrder[r];
      if (!ctx.filter().excluded(i)) {
        out.offer(i, m.trending[i], -1);
        found++;
      }
    }
  }

  @Override
  public String reason(RequestContext ctx, int item, int anchor, String anchorAction) {
    InteractionSnapshot s = ctx.snapshot();
    int days = ctx.models().config().trendingDays();
    String when = days == 7 ? "this week" : "in the last " + days + " days";
    int[] cats = s.itemCategoryIndices(item);
    if (cats.length == 0) {
      return "popular " + when;
    }
    // Name the item's category the user likes most (else its first).
    float[] pref = ctx.categoryPreference();
    int best = cats[0];
    for (int c : cats) {
      if (pref.length > c && pref[c] > pref[best]) {
        best = c;
      }
    }
    return "popular " + when + " in " + s.categoryNames().get(best);
  }
}
