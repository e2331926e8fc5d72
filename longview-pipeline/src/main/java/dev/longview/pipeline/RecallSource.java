package dev.longview.pipeline;

/**
 * One recall stage: finds candidate items for a request. Implementations are stateless (all
 * request state is in the {@link RequestContext}; trained state in its {@link ModelSet}) and
 * thread-safe. A source that cannot serve a request (its model failed or is absent, the user has
 * no anchors) offers nothing; the pipeline then falls back to the other sources.
 *
 * <p>To add a source (e.g. a sequential model over the session, or a learned recall model):
 * implement this, then add one {@code .recall(source, weight)} line to
 * {@link Pipeline#standard}.
 */
public interface RecallSource {
  /** The source's name: its key in the blend weights and in each item's "sources". */
  String name();

  /**
   * Offers at most {@code limit} candidates to {@code out}; items that
   * {@code ctx.filter()} excludes may be skipped early (they are dropped later anyway).
   */
  void recall(RequestContext ctx, int limit, CandidateSink out);

  /**
   * The reason shown for an item this source found, or null for none: {@code anchor} is the item
   * the source reported with it (-1 when none), {@code anchorAction} that anchor's event type
   * when it came in real time.
   */
  String reason(RequestContext ctx, int item, int anchor, String anchorAction);

  /**
   * Whether the blend scales this source's scores by their maximum alone ({@code score / max}:
   * for similarities where 0 means "no match", such as cosines), rather than min-max over the
   * request's candidates; with min-max, the weakest of a few good matches would count as 0.
   * Default false.
   */
  default boolean scoresFromZero() {
    return false;
  }
}
