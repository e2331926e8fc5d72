package dev.longview.server;

import dev.longview.pipeline.RecommendRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Items each user interacted with since the current model's snapshot was taken, so that a
 * recommendation never offers what the user just consumed, before the next retraining.
 *
 * <p>Each entry carries an ingest sequence number; after a new snapshot is swapped in, the entries
 * it already contains (those numbered below its {@link ModelBundle#ingestMark()}) are dropped.
 * Bounded: at most {@link #PER_USER} items per user (the oldest go first) and
 * {@link #MAX_USERS} users (beyond that, new users are not tracked until the next retraining; a
 * log line says so). Thread-safe.
 */
final class RecentItems {
  static final int PER_USER = 500;
  static final int MAX_USERS = 200_000;

  private record Entry(String itemId, String action, long seq) {}

  private final ConcurrentHashMap<String, ArrayDeque<Entry>> byUser = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicBoolean warned =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** The next sequence number; a snapshot taken now contains everything numbered below it. */
  long mark() {
    return sequence.get();
  }

  void add(String userId, String itemId, String action) {
    long seq = sequence.getAndIncrement();
    if (byUser.size() >= MAX_USERS && !byUser.containsKey(userId)) {
      if (warned.compareAndSet(false, true)) {
        System.getLogger(RecentItems.class.getName()).log(System.Logger.Level.WARNING,
            "more than " + MAX_USERS + " users had events since the last training: the items of"
            + " further users are not excluded from their recommendations until the next training;"
            + " retrain more often (retrainInterval)");
      }
      return;
    }
    byUser.compute(userId, (u, q) -> {
      ArrayDeque<Entry> queue = q == null ? new ArrayDeque<>() : q;
      queue.addLast(new Entry(itemId, action, seq));
      if (queue.size() > PER_USER) {
        queue.removeFirst();
      }
      return queue;
    });
  }

  /** The user's recent items with their event types, oldest first (a copy). */
  List<RecommendRequest.RecentItem> of(String userId) {
    List<RecommendRequest.RecentItem> out = new ArrayList<>();
    byUser.computeIfPresent(userId, (u, q) -> {
      for (Entry e : q) {
        out.add(new RecommendRequest.RecentItem(e.itemId(), e.action()));
      }
      return q;
    });
    return out;
  }

  void forgetUser(String userId) {
    byUser.remove(userId);
  }

  /** Drops entries numbered below {@code mark} (they are in the new snapshot). */
  void forgetBefore(long mark) {
    warned.set(false);
    for (String user : byUser.keySet()) {
      byUser.computeIfPresent(user, (u, q) -> {
        for (Iterator<Entry> it = q.iterator(); it.hasNext(); ) {
          if (it.next().seq() < mark) {
            it.remove();
          }
        }
        return q.isEmpty() ? null : q;
      });
    }
  }

  int users() {
    return byUser.size();
  }
}
