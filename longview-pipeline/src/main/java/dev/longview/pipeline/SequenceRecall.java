package dev.longview.pipeline;

import dev.longview.core.model.TopK;
import java.util.Arrays;

/**
 * Next-item recall from a sequential model ({@link SequenceSource}: SASRec, GRU4Rec): when the
 * request carries recent items (real-time events since the snapshot, then the session items of
 * {@code POST /recommend}), scores every item as the next one after them with
 * {@link dev.longview.core.model.SequenceModel#scoreSequence} and offers the best. Recent items the
 * model does not know are left out of the sequence; items it scores that the snapshot lacks, or
 * that the request's filter excludes, are never offered. Offers nothing without a loaded model or
 * without recent items (the user's stored history is served by the other sources). The reason
 * names the most recent item: "often next after X".
 */
final class SequenceRecall implements RecallSource {
  @Override
  public String name() {
    return "sequence";
  }

  @Override
  public void recall(RequestContext ctx, int limit, CandidateSink out) {
    SequenceSource.Mapped m = ctx.models().sequence();
    int[] recent = ctx.recentItems();
    if (m == null || recent.length == 0 || limit <= 0) {
      return;
    }
    int[] sequence = new int[recent.length];
    int length = 0;
    int anchor = -1;
    for (int i : recent) {
      int k = m.toModel()[i];
      if (k >= 0) {
        sequence[length++] = k;
        anchor = i;
      }
    }
    if (length == 0) {
      return;
    }
    int modelItems = m.toSnapshot().length;
    float[] scores = new float[modelItems];
    m.source().model().scoreSequence(Arrays.copyOf(sequence, length), scores);
    // Only items the snapshot knows and the request allows may come back.
    dev.longview.core.model.ItemFilter skip = new dev.longview.core.model.ItemFilter(modelItems);
    for (int k = 0; k < modelItems; k++) {
      int i = m.toSnapshot()[k];
      if (i < 0 || ctx.filter().excluded(i)) {
        skip.exclude(k);
      }
    }
    int[] top = new int[Math.min(limit, modelItems)];
    float[] topScores = new float[top.length];
    int found = new TopK(top.length).select(scores, modelItems, skip, top, topScores);
    for (int r = 0; r < found; r++) {
      out.offer(m.toSnapshot()[top[r]], topScores[r], anchor);
    }
  }

  @Override
  public String reason(RequestContext ctx, int item, int anchor, String anchorAction) {
    return anchor < 0 ? null : "often next after " + Explanations.name(ctx, anchor);
  }
}
