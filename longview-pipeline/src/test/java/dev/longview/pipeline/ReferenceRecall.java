package dev.longview.pipeline;

import dev.longview.algorithms.FactorView;
import dev.longview.algorithms.ItemNeighbours;
import dev.longview.algorithms.VectorMath;
import dev.longview.core.model.TopK;

/**
 * The recall sources as they were before the CPU cut (branch recallfast), kept for
 * {@link PipelineSpeedBench}'s same-run A/B and for the equivalence tests: factor recall scoring
 * every item vector, item-kNN with per-request arrays of the catalogue's size. (The text profile
 * source's reference is {@link TextRecall#profileByPostings()}, still in the main code as the
 * fallback.)
 */
final class ReferenceRecall {
  private ReferenceRecall() {}

  /** Factor recall scoring every item vector (the dot of each, then the shared TopK). */
  static final class FullScanFactors implements RecallSource {
    @Override
    public String name() {
      return "factors";
    }

    @Override
    public void recall(RequestContext ctx, int limit, CandidateSink out) {
      FactorView fv = ctx.models().factors();
      float[] v = ctx.userVector();
      if (fv == null || v == null) {
        return;
      }
      int n = fv.itemCount();
      int f = fv.factors();
      float[] vectors = vectors(ctx.models());
      float[] all = new float[n];
      for (int i = 0; i < n; i++) {
        all[i] = VectorMath.dot(v, 0, vectors, i * f, f);
      }
      int ask = Math.min(n, limit);
      int[] items = new int[ask];
      float[] scores = new float[ask];
      int found = new TopK(ask).select(all, n, ctx.filter(), items, scores);
      for (int r = 0; r < found; r++) {
        out.offer(items[r], scores[r] + fv.itemBias(items[r]), -1);
      }
    }

    private static final java.util.Map<ModelSet, float[]> VECTORS =
        java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static float[] vectors(ModelSet m) {
      return VECTORS.computeIfAbsent(m, k -> {
        FactorView fv = k.factors();
        int f = fv.factors();
        float[] all = new float[fv.itemCount() * f];
        float[] v = new float[f];
        for (int i = 0; i < fv.itemCount(); i++) {
          fv.itemVector(i, v);
          System.arraycopy(v, 0, all, i * f, f);
        }
        return all;
      });
    }

    @Override
    public String reason(RequestContext ctx, int item, int anchor, String anchorAction) {
      return "matches your taste";
    }
  }

  /** Item-kNN recall with three per-request arrays of the catalogue's size. */
  static final class ItemKnnBefore implements RecallSource {
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
      int found = new TopK(top.length).select(dense, touchedCount, null, top, topScores);
      for (int r = 0; r < found; r++) {
        int j = touched[top[r]];
        out.offer(j, topScores[r], bestAnchor[j]);
      }
    }

    @Override
    public String reason(RequestContext ctx, int item, int anchor, String anchorAction) {
      return anchor < 0 ? null : Explanations.because(ctx, anchor, anchorAction);
    }
  }
}
