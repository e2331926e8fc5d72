package dev.longview.server;

import dev.longview.core.Event;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import dev.longview.store.WriteSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs API writes one transaction at a time, each committed (durable) before its caller returns.
 * SQLite has one writer at a time anyway; taking turns here (a lock, which virtual threads wait
 * on without pinning a carrier) avoids "database is locked" retries.
 *
 * <p><b>Group commit:</b> writes that arrive while another transaction runs queue up, and the
 * next thread to take the lock runs all queued writes in one transaction (each caller gets the
 * counts of its own part, from {@link StoreWriter#progress()}), so concurrent request batches
 * share one commit instead of paying one each. When any part of a group fails, the group's
 * transaction is rolled back and its writes run again one transaction each: a bad write fails
 * alone and never costs the others their data, and nothing is committed half-way. Thread-safe.
 */
final class StoreWrites {
  /** Most writes in one group (bounds a transaction's size: at most this many request batches). */
  static final int MAX_GROUP = 16;

  private final EventStore store;
  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  /** Bumped after every write through the API: cached analytics compare it to know they are stale. */
  private final AtomicLong generation = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();

  StoreWrites(EventStore store) {
    this.store = store;
  }

  /** One caller's write, done by whichever thread runs its group. */
  private static final class Pending {
    final Consumer<StoreWriter> body;
    /** Written by the thread that ran it while holding the lock; read by the owner after it. */
    boolean done;
    WriteSummary result;
    RuntimeException error;

    Pending(Consumer<StoreWriter> body) {
      this.body = body;
    }
  }

  /**
   * Runs {@code body} against a writer and commits; returns what this body did. Throws what the
   * body or the commit threw (then nothing of this body is stored).
   */
  WriteSummary write(Consumer<StoreWriter> body) {
    Pending me = new Pending(body);
    queue.add(me);
    lock.lock();
    try {
      // Another thread may have run this write in its group while this one waited for the lock.
      while (!me.done) {
        List<Pending> group = new ArrayList<>();
        Pending p;
        while (group.size() < MAX_GROUP && (p = queue.poll()) != null) {
          group.add(p);
        }
        if (group.isEmpty()) {
          // Only when a group died of an Error (not an exception) before reaching this write.
          me.error = new IllegalStateException("the write was abandoned after an internal error; send it again");
          break;
        }
        runGroup(group);
      }
    } finally {
      lock.unlock();
    }
    if (me.error != null) {
      throw me.error;
    }
    return me.result;
  }

  private void runGroup(List<Pending> group) {
    if (group.size() == 1) {
      runAlone(group.get(0));
      return;
    }
    List<WriteSummary> parts = new ArrayList<>(group.size());
    try (StoreWriter w = store.writer()) {
      WriteSummary before = w.progress();
      for (Pending p : group) {
        p.body.accept(w);
        WriteSummary after = w.progress();
        parts.add(minus(after, before));
        before = after;
      }
      w.commit();
    } catch (RuntimeException e) {
      // Rolled back (closing the writer): run each write alone so that only the bad one fails.
      for (Pending p : group) {
        runAlone(p);
      }
      return;
    } finally {
      transactions.incrementAndGet();
      generation.incrementAndGet();
    }
    for (int k = 0; k < group.size(); k++) {
      group.get(k).result = parts.get(k);
      group.get(k).done = true;
    }
  }

  private void runAlone(Pending p) {
    try (StoreWriter w = store.writer()) {
      p.body.accept(w);
      p.result = w.commit();
    } catch (RuntimeException e) {
      p.error = e;
    } finally {
      transactions.incrementAndGet();
      generation.incrementAndGet();
      p.done = true;
    }
  }

  private static WriteSummary minus(WriteSummary a, WriteSummary b) {
    return new WriteSummary(a.eventsOffered() - b.eventsOffered(), a.eventsStored() - b.eventsStored(),
        a.duplicates() - b.duplicates(), a.usersCreated() - b.usersCreated(),
        a.itemsCreated() - b.itemsCreated());
  }

  /**
   * Stores a batch of events durably before returning: through the store's ingest journal when
   * it has one ({@link EventStore#journaled()}: the journal does its own group commit, and writes
   * do not take turns here), else as one grouped {@link #write}.
   */
  WriteSummary ingest(List<Event> events) {
    if (!store.journaled()) {
      return write(w -> events.forEach(w::addEvent));
    }
    try {
      return store.ingest(events);
    } finally {
      generation.incrementAndGet();
    }
  }

  /** Runs {@code action} (e.g. a delete) while no write is in progress. */
  <T> T exclusive(java.util.function.Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      generation.incrementAndGet();
      lock.unlock();
    }
  }

  /** How many writes went through here since start-up (a data version for caches). */
  long generation() {
    return generation.get();
  }

  /** Transactions run so far, grouped or not (for tests: fewer than writes when grouped). */
  long transactions() {
    return transactions.get();
  }
}
