package dev.longview.pipeline;

import dev.longview.algorithms.ItemNeighbours;
import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.TopK;

/**
 * Item-to-item recall: the neighbours of the user's most recent items (the anchors: real-time
 * and session items first, then the snapshot history), each weighted by the item-to-item
 * similarity and by recency ({@code 1 / (1 + 0.1 k)} for the k-th newest anchor), summed over
 * anchors. The reason names the anchor that contributed most ("because you viewed X"). Sums
 * into the request's {@link Scratch} arrays and selects over the touched items only.
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
    Scratch sc = ctx.scratch();
    float[] score = sc.itemScore;
    float[] best = sc.itemBest;
    int[] bestAnchor = sc.itemAnchor;
    ItemFilter filter = ctx.filter();
    int touched = 0;
    for (int k = 0; k < anchors.length; k++) {
      int a = anchors[k];
      float recency = 1f / (1f + 0.1f * k);
      int count = nb.neighbourCount(a);
      for (int q = 0; q < count; q++) {
        int j = nb.neighbour(a, q);
        if (filter.excluded(j)) {
          continue;
        }
        float w = nb.neighbourWeight(a, q) * recency;
        if (bestAnchor[j] < 0) { // first contribution to j
          touched = sc.touch(touched, j);
          score[j] = w;
          best[j] = w;
          bestAnchor[j] = a;
        } else {
          score[j] += w;
          if (w > best[j]) {
            best[j] = w;
            bestAnchor[j] = a;
          }
        }
      }
    }
    if (touched == 0) {
      return;
    }
    int[] ids = sc.touched;
    float[] dense = new float[touched];
    for (int t = 0; t < touched; t++) {
      dense[t] = score[ids[t]];
    }
    int[] top = new int[Math.min(limit, touched)];
    float[] topScores = new float[top.length];
    int found = new TopK(top.length).select(dense, ids, touched, null, top, topScores);
    int[] anchorOf = new int[found];
    for (int r = 0; r < found; r++) {
      anchorOf[r] = bestAnchor[top[r]];
    }
    sc.clearTouched(touched);
    for (int r = 0; r < found; r++) {
      out.offer(top[r], topScores[r], anchorOf[r]);
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
