package dev.longview.pipeline;

import dev.longview.core.model.TopK;
import dev.longview.text.TextIndex;

/**
 * Content recall over the items' text vectors ({@link ModelSet#textIndex()}: title and
 * categories, encoded by the training's {@link TextEncoderFactory}), as two sources with their
 * own blend weights:
 *
 * <ul>
 *   <li>{@code query}: when the request has a query text, the items nearest to the query's
 *       vector ("matches your search ..."); nothing otherwise.
 *   <li>{@code text}: when it has none, the items nearest to the user's content profile, the
 *       recency-weighted mean of the vectors of their anchors (real-time and session items
 *       first, then the snapshot history; for similar items, the item itself). Each candidate is
 *       reported with the anchor whose text is closest to it, which its reason names.
 * </ul>
 *
 * An item needs no interactions to be found this way: a new item is recommendable as soon as the
 * training that saw it has its text. The query source scores exactly: through postings when the
 * vectors are sparse (TF-IDF: only items sharing a term with the query are touched), else a dot
 * product per item ({@link TextVectors}). The profile source sums the anchors' precomputed text
 * neighbours when {@link TextVectors#hasNeighbours} (sparse vectors within the build budget: the
 * usual case), else it scores the profile like a query.
 */
final class TextRecall implements RecallSource {
  private final boolean byQuery;
  private final boolean neighbours;

  private TextRecall(boolean byQuery, boolean neighbours) {
    this.byQuery = byQuery;
    this.neighbours = neighbours;
  }

  /** The {@code query} source: items nearest to the request's query text. */
  static TextRecall query() {
    return new TextRecall(true, false);
  }

  /** The {@code text} source: items nearest to the user's (or similar item's) text profile. */
  static TextRecall profile() {
    return new TextRecall(false, true);
  }

  /**
   * The {@code text} source scoring the profile against every item through the postings, never
   * the neighbour lists: the exact reference the neighbour path is measured against.
   */
  static TextRecall profileByPostings() {
    return new TextRecall(false, false);
  }

  @Override
  public String name() {
    return byQuery ? "query" : "text";
  }

  /** Cosines, all above 0 (weaker hits are not offered). */
  @Override
  public boolean scoresFromZero() {
    return true;
  }

  @Override
  public void recall(RequestContext ctx, int limit, CandidateSink out) {
    TextVectors tv = ctx.models().textVectors;
    if (tv == null || tv.size() == 0) {
      return;
    }
    TextIndex index = tv.index;
    String query = ctx.request().query();
    boolean hasQuery = query != null && !query.isBlank() && ctx.similarTo() < 0;
    if (byQuery != hasQuery) {
      return;
    }
    float[] q;
    int[] anchors = ctx.anchors();
    if (!byQuery && neighbours && tv.hasNeighbours()) {
      if (anchors.length > 0) {
        recallByNeighbours(ctx, tv, anchors, limit, out);
      }
      return;
    }
    if (byQuery) {
      q = index.queryVector(query);
    } else {
      if (anchors.length == 0) {
        return;
      }
      q = index.profile(anchors, anchorWeights(anchors));
    }
    if (isZero(q)) {
      return; // nothing the encoder knows: no text match, rather than arbitrary items at 0
    }
    int n = tv.size();
    float[] scores = new float[n];
    tv.scores(q, scores);
    int k = Math.min(limit, n);
    int[] items = new int[k];
    float[] best = new float[k];
    int found = new TopK(k).select(scores, n, ctx.filter(), items, best);
    float[][] anchorVectors = byQuery ? null : new float[anchors.length][];
    for (int r = 0; r < found; r++) {
      if (best[r] <= 0f) {
        break; // best first: the rest share no term with the query or profile
      }
      int anchor = -1;
      if (!byQuery) {
        float top = 0f;
        for (int a = 0; a < anchors.length; a++) {
          if (anchorVectors[a] == null) {
            anchorVectors[a] = index.vector(anchors[a]);
          }
          float s = tv.dot(items[r], anchorVectors[a]);
          if (s > top) {
            top = s;
            anchor = anchors[a];
          }
        }
      }
      out.offer(items[r], best[r], anchor);
    }
  }

  /** Recency weights of the anchors in the profile (newest first). */
  private static float[] anchorWeights(int[] anchors) {
    float[] w = new float[anchors.length];
    for (int k = 0; k < anchors.length; k++) {
      w[k] = 1f / (1f + 0.1f * k);
    }
    return w;
  }

  /**
   * The profile source through the precomputed text neighbours: {@code cos(j, profile)} is
   * {@code sum_a w_a cos(j, a) / |sum_a w_a v_a|} (the profile is the normalised weighted sum of
   * the anchors' vectors), so summing each anchor's neighbour list gives the same scores for
   * every item that is among each anchor's nearest {@value TextVectors#NEIGHBOURS} (an anchor adds
   * nothing to an item beyond its list). The anchor of a candidate is the one whose text is
   * closest to it, as in the postings path.
   */
  private static void recallByNeighbours(RequestContext ctx, TextVectors tv, int[] anchors,
      int limit, CandidateSink out) {
    float[] w = anchorWeights(anchors);
    float norm = tv.profileNorm(anchors, w);
    if (!(norm > 0f)) {
      return; // no anchor has text
    }
    Scratch sc = ctx.scratch();
    float[] score = sc.itemScore;
    float[] closest = sc.itemBest;
    int[] anchorOf = sc.itemAnchor;
    dev.longview.core.model.ItemFilter filter = ctx.filter();
    int touched = 0;
    for (int k = 0; k < anchors.length; k++) {
      int a = anchors[k];
      for (int p = tv.neighbourStart(a); p < tv.neighbourEnd(a); p++) {
        int j = tv.neighbourItem(p);
        if (filter.excluded(j)) {
          continue;
        }
        float cos = tv.neighbourCosine(p);
        if (anchorOf[j] < 0) {
          touched = sc.touch(touched, j);
          score[j] = w[k] * cos;
          closest[j] = cos;
          anchorOf[j] = a;
        } else {
          score[j] += w[k] * cos;
          if (cos > closest[j]) {
            closest[j] = cos;
            anchorOf[j] = a;
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
      dense[t] = score[ids[t]] / norm;
    }
    int[] items = new int[Math.min(limit, touched)];
    float[] best = new float[items.length];
    int found = new TopK(items.length).select(dense, ids, touched, null, items, best);
    int[] anchorOfFound = new int[found];
    for (int r = 0; r < found; r++) {
      anchorOfFound[r] = anchorOf[items[r]];
    }
    sc.clearTouched(touched);
    for (int r = 0; r < found; r++) {
      out.offer(items[r], best[r], anchorOfFound[r]);
    }
  }

  private static boolean isZero(float[] v) {
    for (float x : v) {
      if (x != 0f) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String reason(RequestContext ctx, int item, int anchor, String anchorAction) {
    if (byQuery) {
      return "matches your search \"" + ctx.request().query().strip() + "\"";
    }
    if (anchor < 0) {
      return null;
    }
    String verb = Explanations.verb(anchorAction);
    String text = "similar to " + Explanations.name(ctx, anchor)
        + (verb == null ? "" : ", which you " + verb);
    return ctx.snapshot().itemDegree(item) == 0 ? "new: " + text : text;
  }
}
