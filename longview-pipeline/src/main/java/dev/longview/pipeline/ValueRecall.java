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
 * <p>Added by {@link Pipeline#standard(PipelineConfig, dev.longview.retention.RerankConfig,
 * double, int)} only with the retention stage on and a positive weight (the policy lab's
 * {@code longview}; serving does not add it). Stateless and thread-safe.
 */
final class ValueRecall implements RecallSource {
  private final int size;

  /** @param size candidates offered at most (replaces the pipeline's recall limit) */
  ValueRecall(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("value recall size was " + size + "; use >= 1");
    }
    this.size = size;
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
    InteractionSnapshot s = ctx.snapshot();
    float[] pref = ctx.categoryPreference();
    boolean known = false;
    for (float p : pref) {
      known |= p > 0;
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
