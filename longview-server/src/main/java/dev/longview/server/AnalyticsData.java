package dev.longview.server;

import dev.longview.lifecycle.ActivityLog;
import dev.longview.store.EventStore;
import dev.longview.store.StoreCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The data behind the dashboard: one {@link ActivityLog} of the whole store, read once per data
 * version and shared by every analytics request, so that a page never waits for the store.
 *
 * <h2>Versions and staleness</h2>
 * Each load is a numbered {@link Version}. The first request waits for the first load (the
 * server also starts one in the background at start-up); after that a request always gets the
 * loaded version at once, and a stale one triggers a reload in the background
 * (stale-while-revalidate). A version is stale when
 * <ul>
 *   <li>a write went through the API since it was read (the {@code generation} counter moved)
 *       and it is at least {@code minReloadGap} old, so a steady stream of events reloads at most
 *       that often; or
 *   <li>it was last checked {@code recheckAfter} ago: then the store's counts are compared (a
 *       writer outside this server, e.g. {@code longview import}), and only a difference reloads.
 * </ul>
 * One load at a time. Thread-safe.
 */
final class AnalyticsData {
  private static final System.Logger LOG = System.getLogger(AnalyticsData.class.getName());

  /**
   * One read of the store.
   *
   * @param number 1 for the first load, then +1 per reload that found changed data
   * @param generation the API write counter just before the read began
   * @param loadedAt when the read finished
   * @param checkedAt when the store was last found unchanged (= loadedAt at first)
   * @param loadSeconds how long the read took
   */
  record Version(long number, ActivityLog log, StoreCounts counts, long generation,
      Instant loadedAt, Instant checkedAt, double loadSeconds) {
    Version checked(Instant at) {
      return new Version(number, log, counts, generation, loadedAt, at, loadSeconds);
    }
  }

  private final EventStore store;
  private final LongSupplier generation;
  private final Clock clock;
  private final Duration minReloadGap;
  private final Duration recheckAfter;
  private final ReentrantLock loading = new ReentrantLock();
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Version current;
  private volatile Consumer<Version> onLoad = v -> {};

  /**
   * @param generation the API's write counter ({@link StoreWrites#generation()})
   * @param minReloadGap shortest time between reloads caused by API writes
   * @param recheckAfter how often the store's counts are compared, for writers outside the server
   */
  AnalyticsData(EventStore store, LongSupplier generation, Clock clock, Duration minReloadGap,
      Duration recheckAfter) {
    this.store = Objects.requireNonNull(store);
    this.generation = Objects.requireNonNull(generation);
    this.clock = Objects.requireNonNull(clock);
    this.minReloadGap = minReloadGap;
    this.recheckAfter = recheckAfter;
  }

  /**
   * Runs {@code listener} on a new virtual thread after each load of new data (e.g. to compute
   * the default pages ahead of the first request).
   */
  void onLoad(Consumer<Version> listener) {
    this.onLoad = Objects.requireNonNull(listener);
  }

  /** The current version; waits for the first load; starts a background reload when stale. */
  Version current() {
    Version v = current;
    if (v == null) {
      return loadNow();
    }
    if (stale(v)) {
      refreshInBackground();
    }
    return v;
  }

  /** Whether {@code v} is due for a reload or a check. */
  boolean stale(Version v) {
    Instant now = clock.instant();
    boolean written = v.generation() != generation.getAsLong()
        && !now.isBefore(v.loadedAt().plus(minReloadGap));
    return written || !now.isBefore(v.checkedAt().plus(recheckAfter));
  }

  /** The first load at start-up, so that the first page does not wait; failures are logged. */
  void warmUp() {
    try {
      Version v = loadNow();
      LOG.log(System.Logger.Level.INFO, "analytics: loaded " + v.log().events() + " events of "
          + v.log().users() + " users in " + String.format(java.util.Locale.ROOT, "%.2f s",
          v.loadSeconds()));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "analytics: the first load failed (the first"
          + " analytics request tries again): " + e.getMessage(), e);
    }
  }

  /** Loads unless a version exists (waits for a load in progress). */
  private Version loadNow() {
    loading.lock();
    try {
      Version v = current;
      return v != null ? v : reload(null);
    } finally {
      loading.unlock();
    }
  }

  /** Reloads now, whatever the state; returns the new version (for tests and benchmarks). */
  Version reloadNow() {
    loading.lock();
    try {
      return reload(current);
    } finally {
      loading.unlock();
    }
  }

  private void refreshInBackground() {
    if (!refreshing.compareAndSet(false, true)) {
      return;
    }
    Thread.ofVirtual().name("longview-analytics-refresh").start(() -> {
      try {
        loading.lock();
        try {
          Version v = current;
          if (v == null || !stale(v)) {
            return;
          }
          boolean written = v.generation() != generation.getAsLong();
          if (!written && store.counts().equals(v.counts())) {
            current = v.checked(clock.instant());
            return;
          }
          reload(v);
        } finally {
          loading.unlock();
        }
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "analytics: reloading failed; the previous data"
            + " stays in use: " + e.getMessage(), e);
      } finally {
        refreshing.set(false);
      }
    });
  }

  /** Reads the store; called with {@link #loading} held. */
  private Version reload(Version previous) {
    long gen = generation.getAsLong();
    long start = System.nanoTime();
    StoreCounts counts = store.counts();
    ActivityLog log = ActivityLog.load(store);
    Instant now = clock.instant();
    Version v = new Version(previous == null ? 1 : previous.number() + 1, log, counts, gen, now,
        now, (System.nanoTime() - start) / 1e9);
    current = v;
    Consumer<Version> listener = onLoad;
    Thread.ofVirtual().name("longview-analytics-on-load").start(() -> {
      try {
        listener.accept(v);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "analytics: precomputing after a load failed: "
            + e.getMessage(), e);
      }
    });
    return v;
  }
}
