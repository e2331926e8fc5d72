package dev.longview.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Computed analytics by key (the data version is part of every key), least recently used first
 * out. Each value is computed once however many requests ask for it at the same time (the others
 * wait for the first). A computation that fails is forgotten, so the next request tries again,
 * except for background ones ({@link #ifReady}), whose failure is kept until the key is evicted
 * (it says why a value is unavailable). Thread-safe.
 */
final class ResultCache {
  private final int capacity;
  private final Map<String, CompletableFuture<Object>> entries;

  ResultCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Object>> eldest) {
        return size() > ResultCache.this.capacity;
      }
    };
  }

  /** The value of {@code key}, computing it on this thread when nobody has. */
  @SuppressWarnings("unchecked")
  <T> T get(String key, Supplier<T> compute) {
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> f;
    synchronized (entries) {
      f = entries.putIfAbsent(key, mine);
    }
    if (f == null) {
      try {
        T value = compute.get();
        mine.complete(value);
        return value;
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
        synchronized (entries) {
          entries.remove(key, mine);
        }
        throw e;
      }
    }
    return (T) join(f);
  }

  /**
   * The value of {@code key} when it is ready, else null after starting its computation in the
   * background (once). A failed background computation throws its exception here.
   */
  @SuppressWarnings("unchecked")
  <T> T ifReady(String key, Supplier<T> compute) {
    CompletableFuture<Object> f;
    boolean start = false;
    synchronized (entries) {
      f = entries.get(key);
      if (f == null) {
        f = new CompletableFuture<>();
        entries.put(key, f);
        start = true;
      }
    }
    if (start) {
      CompletableFuture<Object> target = f;
      Thread.ofVirtual().name("longview-analytics-" + key).start(() -> {
        try {
          target.complete(compute.get());
        } catch (RuntimeException | Error e) {
          target.completeExceptionally(e);
        }
      });
    }
    return f.isDone() ? (T) join(f) : null;
  }

  /** Drops every entry whose key {@code drop} accepts (e.g. those of an older data version). */
  void removeIf(java.util.function.Predicate<String> drop) {
    synchronized (entries) {
      entries.keySet().removeIf(drop);
    }
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private static Object join(CompletableFuture<Object> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an analytics result", e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (CancellationException e) {
      throw new IllegalStateException("the analytics computation was cancelled", e);
    }
  }
}
