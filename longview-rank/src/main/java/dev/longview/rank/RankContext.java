package dev.longview.rank;

import java.util.Arrays;

/**
 * The context of one ranking request: when it happens, on which device, which items the user
 * touched in this session and, for a search, the query's vector. Dense item indices of the
 * ranker's snapshot.
 *
 * @param epochSecond the request time (seconds since the epoch); hour of day and weekday are read
 *     from it in the ranker's time zone, and user/item recency is measured up to it
 * @param device the client's device label (e.g. {@code mobile}), or null when unknown
 * @param sessionItems items of the current session, oldest first (may be empty, never null)
 * @param queryVector the query's text vector in the item text-vector space, or null for no query
 */
public record RankContext(long epochSecond, String device, int[] sessionItems, float[] queryVector) {
  public RankContext {
    if (sessionItems == null) {
      throw new IllegalArgumentException("sessionItems is null; pass new int[0] for no session");
    }
    sessionItems = sessionItems.clone();
    queryVector = queryVector == null ? null : queryVector.clone();
    if (queryVector != null) {
      for (int k = 0; k < queryVector.length; k++) {
        if (!Float.isFinite(queryVector[k])) {
          throw new IllegalArgumentException("queryVector[" + k + "] is " + queryVector[k]
              + "; a query vector must be finite");
        }
      }
    }
  }

  /** A context with only a time: no device, no session, no query. */
  public static RankContext at(long epochSecond) {
    return new RankContext(epochSecond, null, new int[0], null);
  }

  @Override
  public int[] sessionItems() {
    return sessionItems.clone();
  }

  @Override
  public float[] queryVector() {
    return queryVector == null ? null : queryVector.clone();
  }

  int sessionItem(int k) {
    return sessionItems[k];
  }

  int sessionSize() {
    return sessionItems.length;
  }

  float[] query() {
    return queryVector;
  }

  @Override
  public String toString() {
    return "RankContext[epochSecond=" + epochSecond + ", device=" + device + ", sessionItems="
        + Arrays.toString(sessionItems) + ", query=" + (queryVector == null ? "none"
            : queryVector.length + "-d") + "]";
  }
}
