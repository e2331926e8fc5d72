package dev.longview.retention.policy;

import dev.longview.store.EventStore;
import java.time.Instant;
import java.util.List;

/**
 * A recommendation policy as the policy lab (or a deployment) drives it: retrained from the
 * {@link EventStore} on a schedule, then asked for slates. Everything a policy learns comes
 * through the store's normal read path (snapshot, events) and the observable request; it has no
 * other input. Not thread-safe: one instance per run.
 */
public interface Policy {
  String name();

  /**
   * Retrains from everything the store holds before {@code asOf} (a deployment's daily job).
   * Called before the first request and then on the schedule.
   */
  void retrain(EventStore store, Instant asOf);

  /** The next slate for a visiting user. */
  Slate recommend(VisitRequest request);

  /**
   * An observable event as it happens (real-time ingestion: a deployment's API receives it before
   * the next page is asked for); it reaches the store at the day's end. Policies that serve from
   * real-time events (the pipeline's recent items) keep what they need; the default ignores it.
   */
  default void observe(dev.longview.core.Event event) {}

  /**
   * A visit's page request: observable facts only.
   *
   * @param userId external user id (possibly never seen before)
   * @param time when
   * @param sessionId the session
   * @param shownInSession item ids this session has already shown (never shown again)
   * @param size items wanted
   */
  record VisitRequest(String userId, Instant time, String sessionId, List<String> shownInSession,
      int size) {}

  /**
   * A policy's answer.
   *
   * @param items item ids, best first
   * @param stagePolicy which stage policy was applied ("none" for policies without one)
   */
  record Slate(List<String> items, String stagePolicy) {}
}
