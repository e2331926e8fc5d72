package dev.longview.pipeline;

/**
 * Cold-start item recall: items with no interactions in the snapshot, in the categories of the
 * user's anchors (or of the similar-items anchor), scored by the category's share among the
 * anchors. Without it a new item could never be recommended before it gets interactions.
 */
final class NewItemRecall implements RecallSource {
  @Override
  public String name() {
    return "new-items";
  }

  @Override
  public void recall(RequestContext ctx, int limit, CandidateSink out) {
    float[] pref = ctx.categoryPreference();
    int[][] byCat = ctx.models().newItemsByCategory;
    // Categories from the most to the least preferred.
    Integer[] cats = new Integer[pref.length];
    int n = 0;
    for (int c = 0; c < pref.length; c++) {
      if (pref[c] > 0) {
        cats[n++] = c;
      }
    }
    java.util.Arrays.sort(cats, 0, n, (a, b) -> pref[a] != pref[b] ? Float.compare(pref[b], pref[a])
        : Integer.compare(a, b));
    int found = 0;
    for (int k = 0; k < n && found < limit; k++) {
      int c = cats[k];
      for (int i : byCat[c]) {
        if (found >= limit) {
          break;
        }
        if (!ctx.filter().excluded(i)) {
          out.offer(i, pref[c], -1);
          found++;
        }
      }
    }
  }

  @Override
  public String reason(RequestContext ctx, int item, int anchor, String anchorAction) {
    float[] pref = ctx.categoryPreference();
    int best = -1;
    for (int c : ctx.snapshot().itemCategoryIndices(item)) {
      if (c < pref.length && pref[c] > 0 && (best < 0 || pref[c] > pref[best])) {
        best = c;
      }
    }
    return best < 0 ? "new" : "new in a category you like: " + ctx.snapshot().categoryNames().get(best);
  }
}
