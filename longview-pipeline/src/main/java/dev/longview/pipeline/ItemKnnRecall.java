package dev.longview.pipeline;

import dev.longview.algorithms.ItemNeighbours;

/**
 * Item-to-item recall: the neighbours of the user's most recent items (the anchors: real-time
 * and session items first, then the snapshot history), each weighted by the item-to-item
 * similarity and by recency ({@code 1 / (1 + 0.1 k)} for the k-th newest anchor), summed over
 * anchors. The reason names the anchor that contributed most ("because you viewed X").
 */
final class ItemKnnRecall implements RecallSource {
  @Override
  public String name() {
    return "itemknn";
  }

  @Override
  public void recall(RequestContext ctx, int limit, CandidateSink out) {
    ItemNeighbours nb = ctx.models().neighbours();
    int[] anchors = ctx.anchors();
    if (nb == null || anchors.length == 0) {
      return;
    }
    int items = ctx.snapshot().itemCount();
    float[] score = new float[items];
    float[] best = new float[items];
    int[] bestAnchor = new int[items];
    int[] touched = new int[Math.min(items, 4096)];
    int touchedCount = 0;
    for (int k = 0; k < anchors.length; k++) {
      int a = anchors[k];
      float recency = 1f / (1f + 0.1f * k);
      for (int q = 0; q < nb.neighbourCount(a); q++) {
        int j = nb.neighbour(a, q);
        if (ctx.filter().excluded(j)) {
          continue;
        }
        float w = nb.neighbourWeight(a, q) * recency;
        if (score[j] == 0f) {
          if (touchedCount == touched.length) {
            touched = java.util.Arrays.copyOf(touched, Math.min(items, touched.length * 2));
          }
          touched[touchedCount++] = j;
        }
        score[j] += w;
        if (w > best[j]) {
          best[j] = w;
          bestAnchor[j] = a;
        }
      }
    }
    if (touchedCount == 0) {
      return;
    }
    int[] top = new int[Math.min(limit, touchedCount)];
    float[] topScores = new float[top.length];
    float[] dense = new float[touchedCount];
    for (int t = 0; t < touchedCount; t++) {
      dense[t] = score[touched[t]];
    }
    int found = new dev.longview.core.model.TopK(top.length).select(dense, touchedCount, null, top,
        topScores);
    for (int r = 0; r < found; r++) {
      int j = touched[top[r]];
      out.offer(j, topScores[r], bestAnchor[j]);
    }
  }

  @Override
  public String reason(RequestContext ctx, int item, int anchor, String anchorAction) {
    if (anchor < 0) {
      return null;
    }
    return Explanations.because(ctx, anchor, anchorAction);
  }
}
