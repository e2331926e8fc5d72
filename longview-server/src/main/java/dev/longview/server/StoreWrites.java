package dev.longview.server;

import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import dev.longview.store.WriteSummary;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs API writes one at a time, each in its own store transaction, committed (durable) before
 * it returns. SQLite has one writer at a time anyway; taking turns here (a fair lock, which
 * virtual threads wait on without pinning a carrier) avoids "database is locked" retries.
 * Thread-safe.
 */
final class StoreWrites {
  private final EventStore store;
  private final ReentrantLock lock = new ReentrantLock(true);
  /** Bumped after every write through the API: cached analytics compare it to know they are stale. */
  private final AtomicLong generation = new AtomicLong();

  StoreWrites(EventStore store) {
    this.store = store;
  }

  WriteSummary write(Consumer<StoreWriter> body) {
    lock.lock();
    try (StoreWriter w = store.writer()) {
      body.accept(w);
      return w.commit();
    } finally {
      generation.incrementAndGet();
      lock.unlock();
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
}
