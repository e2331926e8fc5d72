package dev.longview.pipeline;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.rank.RankContext;
import dev.longview.rank.RankRequest;
import dev.longview.rank.Ranker;
import java.util.List;

/**
 * The ranking stage of the standard pipeline: the model set's learned ranker ({@link
 * ModelSet#ranker()}, LambdaMART from longview-rank) when it has one, else the fixed {@link
 * BlendScorer}. The ranker sees each recall source's raw score (NaN where the source did not find
 * the item, which is also its "found" flag), and computes from them and from the snapshot its
 * user, item, context and cross features ({@code RankerFeatures}); its contributions per source
 * (the SHAP values of that source's features) go to {@link Explanations}, so the first reason is
 * the source that moved the score most. Stateless and thread-safe.
 *
 * <p>Request context handed to the ranker: the request's time, or when it gives none one second
 * after the user's latest interaction in the snapshot (the snapshot's newest event for an unknown
 * user), so that training groups, offline evaluation and serving agree; the request's device; as
 * the session, the newest {@value #SESSION_ITEMS} anchors (real-time and session items first,
 * then the history), oldest first; no query vector (text recall carries the query). User signals
 * (lifecycle stage, churn risk, purchase value) come from the model set's snapshot as of its
 * newest event ({@link ModelSet#userSignals}), in training (the reduced snapshot) and serving
 * alike; real-time events since the snapshot do not change them.
 */
final class RankerScorer implements CandidateScorer {
  /** Anchors handed to the ranker as the session's items. */
  static final int SESSION_ITEMS = 5;

  private final List<String> sources;
  private final CandidateScorer blend;

  /**
   * @param sources the pipeline's recall source names, in candidate column order
   * @param blend the scorer used when the model set has no ranker
   */
  RankerScorer(List<String> sources, CandidateScorer blend) {
    this.sources = List.copyOf(sources);
    this.blend = blend;
  }

  @Override
  public void score(RequestContext ctx, Candidates c, float[] scores, float[] contributions) {
    Ranker ranker = ctx.models().ranker();
    if (ranker == null) {
      blend.score(ctx, c, scores, contributions);
      return;
    }
    RankRequest request = requestOf(ctx, c, ranker.sources(), sources);
    double[] s = ranker.score(List.of(request));
    for (int slot = 0; slot < c.size(); slot++) {
      scores[slot] = (float) s[slot];
    }
    if (contributions != null && ctx.request().explain() && c.size() > 0) {
      float[] part = ranker.sourceContributions(request);
      List<String> rs = ranker.sources();
      int n = c.sourceCount();
      java.util.Arrays.fill(contributions, 0, c.size() * n, 0f);
      for (int r = 0; r < rs.size(); r++) {
        int s2 = sources.indexOf(rs.get(r));
        if (s2 < 0) {
          continue;
        }
        for (int slot = 0; slot < c.size(); slot++) {
          contributions[slot * n + s2] = part[slot * rs.size() + r];
        }
      }
    }
    ctx.rankedByRanker(true);
  }

  /**
   * The ranker's view of one request's candidates: the slots' items in slot order, one score
   * column per ranker source (a source the pipeline does not run is all NaN), and the context.
   *
   * @param rankerSources the ranker's source names, in its column order
   * @param pipelineSources the pipeline's source names, in candidate column order
   */
  static RankRequest requestOf(RequestContext ctx, Candidates c, List<String> rankerSources,
      List<String> pipelineSources) {
    int n = c.size();
    int[] items = new int[n];
    for (int slot = 0; slot < n; slot++) {
      items[slot] = c.item(slot);
    }
    float[][] scores = new float[rankerSources.size()][n];
    for (int r = 0; r < scores.length; r++) {
      int s = pipelineSources.indexOf(rankerSources.get(r));
      for (int slot = 0; slot < n; slot++) {
        scores[r][slot] = s < 0 ? Float.NaN : c.raw(slot, s);
      }
    }
    return new RankRequest(ctx.user(), contextOf(ctx), items, scores,
        ctx.models().userSignals(ctx.user()));
  }

  static RankContext contextOf(RequestContext ctx) {
    RecommendRequest req = ctx.request();
    InteractionSnapshot s = ctx.snapshot();
    long time;
    if (req.time() != null) {
      time = req.time().getEpochSecond();
    } else if (ctx.user() >= 0 && s.userDegree(ctx.user()) > 0) {
      long last = Long.MIN_VALUE;
      for (int p = s.userStart(ctx.user()); p < s.userEnd(ctx.user()); p++) {
        last = Math.max(last, s.epochSecondAt(p));
      }
      time = last + 1;
    } else {
      time = ctx.models().referenceEpochSecond;
    }
    int[] anchors = ctx.anchors();
    int k = Math.min(SESSION_ITEMS, anchors.length);
    int[] session = new int[k];
    for (int j = 0; j < k; j++) {
      session[j] = anchors[k - 1 - j]; // anchors are newest first; the session is oldest first
    }
    return new RankContext(time, req.device(), session, null);
  }
}
