package dev.longview.pipeline;

/**
 * Factor-model recall: the user's vector ({@link RequestContext#userVector()}: trained, or folded
 * in from interactions since the snapshot, or an item's vector for similar items) against the
 * item vectors through the {@link VectorIndex} (exact or HNSW), with the request's filter.
 */
final class FactorRecall implements RecallSource {
  @Override
  public String name() {
    return "factors";
  }

  @Override
  public void recall(RequestContext ctx, int limit, CandidateSink out) {
    VectorIndex index = ctx.models().itemIndex();
    if (index == null) {
      return;
    }
    float[] v = ctx.userVector();
    if (v == null) {
      return;
    }
    int ask = Math.min(index.size(), limit);
    int[] items = new int[ask];
    float[] scores = new float[ask];
    int found = index.search(v, ask, ctx.filter(), items, scores);
    var fv = ctx.models().factors();
    for (int r = 0; r < found; r++) {
      out.offer(items[r], scores[r] + fv.itemBias(items[r]), -1);
    }
  }

  @Override
  public String reason(RequestContext ctx, int item, int anchor, String anchorAction) {
    if (ctx.similarTo() >= 0) {
      return "similar to " + Explanations.name(ctx, ctx.similarTo());
    }
    return ctx.userVectorFolded() ? "matches your taste, including what you just did"
        : "matches your taste";
  }
}
