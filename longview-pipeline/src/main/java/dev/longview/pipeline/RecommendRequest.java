package dev.longview.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One request to the pipeline, with external ids (the pipeline maps them to dense indices).
 *
 * @param userId the user (known to the snapshot or not), or null for an anonymous request
 * @param n how many items to return (at least 1)
 * @param offset how many of the best items to skip (pagination: the pipeline ranks
 *     {@code offset + n} items deterministically and returns the slice)
 * @param category only items with this category, or null
 * @param exclude item ids never to return
 * @param recent the user's interactions since the snapshot (real time) followed by the
 *     request's session items, oldest first; recall starts from the newest; all are excluded
 * @param query free text of the request (a search box, a session query): the {@code text}
 *     recall source recalls the items whose text is nearest to it
 * @param device the client's device label, or null (kept for context-aware stages)
 * @param time the request's time, or null
 * @param explain whether to build reasons
 */
public record RecommendRequest(String userId, int n, int offset, String category,
    Set<String> exclude, List<RecentItem> recent, String query, String device, Instant time,
    boolean explain) {
  /** An item the user just interacted with; {@code action} is the event type or "session". */
  public record RecentItem(String itemId, String action) {}

  public RecommendRequest {
    if (n < 1) {
      throw new IllegalArgumentException("n was " + n + "; ask for at least 1 item");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset was " + offset + "; use 0 or more");
    }
    exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
    recent = recent == null ? List.of() : List.copyOf(recent);
  }

  /** A plain request: the first {@code n} items for {@code userId}, with reasons. */
  public static RecommendRequest of(String userId, int n) {
    return new RecommendRequest(userId, n, 0, null, null, null, null, null, null, true);
  }

  public RecommendRequest withOffset(int offset) {
    return new RecommendRequest(userId, n, offset, category, exclude, recent, query, device, time,
        explain);
  }

  public RecommendRequest withRecent(List<RecentItem> recent) {
    return new RecommendRequest(userId, n, offset, category, exclude, recent, query, device, time,
        explain);
  }
}
