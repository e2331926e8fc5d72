package dev.longview.pipeline;

import dev.longview.algorithms.FactorView;
import dev.longview.algorithms.VectorMath;
import dev.longview.core.snapshot.InteractionSnapshot;

/**
 * Diversity re-rank by maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998): the top
 * {@code min(want, mmrDepth)} positions are chosen greedily, each time the candidate maximising
 * {@code lambda * rel(i) - (1 - lambda) * max_{j chosen} sim(i, j)}, with {@code rel} the score
 * scaled to [0, 1] over the pool and {@code sim} the cosine of the factor model's item vectors
 * when there is one, else the Jaccard overlap of the items' categories. The pool is the best
 * {@code depth + 50} candidates; the rest keep their order. Ties go to the better-ranked
 * candidate, so the result is deterministic. {@code lambda = 1} leaves the order unchanged.
 */
final class MmrReranker implements Reranker {
  private final double lambda;
  private final int depth;

  MmrReranker(double lambda, int depth) {
    this.lambda = lambda;
    this.depth = depth;
  }

  @Override
  public void rerank(RequestContext ctx, Candidates c, Ranking ranking, int want) {
    int choose = Math.min(Math.min(want, depth), ranking.size());
    if (lambda >= 1 || choose < 2) {
      return;
    }
    int pool = Math.min(ranking.size(), choose + 50);
    InteractionSnapshot s = ctx.snapshot();
    FactorView fv = ctx.models().factors();
    float[] unit = ctx.models().unitItemVectors;
    int f = fv == null ? 0 : fv.factors();
    float hi = ranking.score(0);
    float lo = ranking.score(pool - 1);
    float span = hi > lo ? hi - lo : 1f;
    boolean[] taken = new boolean[pool];
    float[] maxSim = new float[pool];
    int[] outSlots = new int[ranking.size()];
    float[] outScores = new float[ranking.size()];
    for (int k = 0; k < choose; k++) {
      int best = -1;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int p = 0; p < pool; p++) {
        if (taken[p]) {
          continue;
        }
        double rel = (ranking.score(p) - lo) / span;
        double value = lambda * rel - (1 - lambda) * maxSim[p];
        if (value > bestValue) {
          bestValue = value;
          best = p;
        }
      }
      taken[best] = true;
      outSlots[k] = ranking.slot(best);
      outScores[k] = ranking.score(best);
      for (int p = 0; p < pool; p++) {
        if (!taken[p]) {
          float sim = unit != null ? VectorMath.dot(unit, c.item(ranking.slot(p)) * f, unit,
              c.item(ranking.slot(best)) * f, f)
              : jaccard(s.itemCategoryIndices(c.item(ranking.slot(p))),
                  s.itemCategoryIndices(c.item(ranking.slot(best))));
          maxSim[p] = Math.max(maxSim[p], sim);
        }
      }
    }
    int k = choose;
    for (int p = 0; p < ranking.size(); p++) {
      if (p >= pool || !taken[p]) {
        outSlots[k] = ranking.slot(p);
        outScores[k++] = ranking.score(p);
      }
    }
    ranking.replace(outSlots, outScores, k);
  }

  static float jaccard(int[] a, int[] b) {
    if (a.length == 0 || b.length == 0) {
      return 0f;
    }
    int both = 0;
    for (int x : a) {
      if (RequestContext.contains(b, x)) {
        both++;
      }
    }
    return (float) both / (a.length + b.length - both);
  }
}
