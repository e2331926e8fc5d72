package dev.longview.retention;

/**
 * Settings of the re-ranker's category plan ({@link RetentionAwareReranker}): instead of scoring
 * items one by one, it first chooses which categories each page shows, then the best item of
 * each. A category is <em>admitted</em> when its long-term value ({@link ItemSignals#categoryValue})
 * is high enough ({@link #admitted}); each page shows one item from each of the user's own admitted
 * categories (by their share of the user's recent items, largest first), plus {@code explore}
 * admitted categories the user has not used (in a per-user rotation, so that every user sees
 * others over the pages and the logs learn about them), up to {@code pageSize}; a page with
 * slots left over takes further items of the user's categories in the same order. Within a
 * category the item with the best score ({@code relevance + lambda x value + novelty}) comes
 * first. Items of categories that are not admitted follow after every admitted item is placed.
 *
 * <p>This is "calibrated" recommendation (Steck, RecSys 2018: a list should reflect the user's
 * category mix) with a long-term filter on the mix: what a user engages with decides the
 * categories, what brings users back decides which categories may be served at all. In the policy
 * lab it is how the gain of a truth-reading oracle ("each user's own quality topics, one item
 * each") is approached with learnt values (BENCHMARKS.md).
 *
 * @param pageSize items per page the plan lays out (the lab's slate: 6), >= 1
 * @param explore categories the user has not used per page, >= 0
 * @param minZ how far above the mean category value, in standard deviations of the category
 *     values, a category's value must be to admit it; 0 = the better half (about), larger is
 *     stricter. Relative, so that it does not depend on the size of the effects (which changes
 *     with the users' sensitivity) and admits every category while nothing is learnt (all equal)
 */
public record CategorySlate(int pageSize, int explore, double minZ) {
  public CategorySlate {
    if (pageSize < 1 || explore < 0 || Double.isNaN(minZ)) {
      throw new IllegalArgumentException("category slate pageSize " + pageSize + ", explore "
          + explore + ", minZ " + minZ
          + "; need pageSize >= 1, explore >= 0 and a number for minZ");
    }
  }

  /**
   * Which categories are admitted, by category index: value at least the mean category value
   * plus {@code minZ} standard deviations ({@link ItemSignals#categoryValue}); every category
   * when none has a value.
   */
  public boolean[] admitted(ItemSignals signals) {
    double[] cv = signals.categoryValue();
    double mean = 0;
    for (double v : cv) {
      mean += v / cv.length;
    }
    double var = 0;
    for (double v : cv) {
      var += (v - mean) * (v - mean) / Math.max(1, cv.length - 1);
    }
    double threshold = mean + minZ * Math.sqrt(var);
    boolean[] out = new boolean[cv.length];
    for (int k = 0; k < cv.length; k++) {
      out[k] = cv[k] >= threshold - 1e-12;
    }
    return out;
  }
}
