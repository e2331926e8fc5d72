package dev.longview.server;

import dev.longview.algorithms.Algorithms;
import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.model.TopK;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.store.EventStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves recommendations from the current {@link ModelBundle} and retrains it.
 *
 * <p>The request path, top to bottom: score (the model, or popularity for a user it does not
 * know) -> filter (items consumed in the snapshot, items consumed since, hidden items, the
 * request's exclusions and category) -> top (offset + n) with the shared {@link TopK} -> drop the
 * first offset. Ties are broken by item index, so for one model version pages never overlap.
 *
 * <p>Training builds a fresh snapshot from the store and swaps the whole bundle in with one
 * atomic write; requests in flight finish on the bundle they started with. One training at a
 * time. Thread-safe.
 */
final class Recommender {
  /** One recommended item. */
  record Scored(String itemId, float score, List<String> reasons) {}

  /** One page of recommendations and the bundle that produced it. */
  record Page(List<Scored> items, ModelBundle bundle) {}

  private final EventStore store;
  private final String modelName;
  private final long seed;
  private final Clock clock;
  private final AtomicReference<ModelBundle> current = new AtomicReference<>();
  private final ReentrantLock training = new ReentrantLock();
  private final RecentItems recent = new RecentItems();
  /** Hidden flags changed through the API since start-up: item id -> hidden. */
  private final Map<String, Boolean> hiddenChanges = new ConcurrentHashMap<>();

  Recommender(EventStore store, String modelName, long seed, Clock clock) {
    this.store = store;
    this.modelName = modelName;
    this.seed = seed;
    this.clock = clock;
  }

  /** The bundle in use, or null before the first training finished. */
  ModelBundle current() {
    return current.get();
  }

  RecentItems recent() {
    return recent;
  }

  /** Remembers a hidden flag set through the API, so that it applies before the next training. */
  void itemHidden(String itemId, boolean hidden) {
    hiddenChanges.put(itemId, hidden);
  }

  /**
   * Trains a new bundle from the store and swaps it in.
   *
   * @throws IllegalStateException when a training is already running
   */
  ModelBundle retrain() {
    if (!training.tryLock()) {
      throw new IllegalStateException("a training is already running; try again when it is done");
    }
    try {
      long start = System.nanoTime();
      long mark = recent.mark();
      InteractionSnapshot snapshot = store.snapshot();
      Model model = Algorithms.trainer(modelName, Map.of(), seed).train(snapshot);
      Model fallback = modelName.equals("pop") ? model
          : Algorithms.trainer("pop", Map.of(), seed).train(snapshot);
      ModelBundle old = current.get();
      ModelBundle next = new ModelBundle(snapshot, model, fallback, modelName,
          old == null ? 1 : old.version() + 1, Instant.now(clock),
          (System.nanoTime() - start) / 1e9, mark);
      current.set(next);
      recent.forgetBefore(mark);
      return next;
    } finally {
      training.unlock();
    }
  }

  /**
   * The page {@code [offset, offset + n)} of recommendations for {@code userId} (known or not).
   *
   * @param category only items with this category label, or null
   * @param exclude item ids never to return
   * @throws IllegalStateException when no model is loaded yet
   */
  Page recommend(String userId, int n, int offset, String category, Set<String> exclude) {
    ModelBundle b = current.get();
    if (b == null) {
      throw new IllegalStateException("no model is loaded yet; the first training is running");
    }
    InteractionSnapshot s = b.snapshot();
    int items = s.itemCount();
    ItemFilter filter = new ItemFilter(items);
    int user = s.userIndex(userId);
    boolean known = user >= 0 && user < b.model().userCount();
    if (user >= 0) {
      for (int p = s.userStart(user); p < s.userEnd(user); p++) {
        filter.exclude(s.itemAt(p));
      }
    }
    for (String id : recent.of(userId)) {
      excludeId(s, filter, id);
    }
    for (String id : exclude) {
      excludeId(s, filter, id);
    }
    for (int i = 0; i < items; i++) {
      Boolean changed = hiddenChanges.isEmpty() ? null : hiddenChanges.get(s.itemId(i));
      if (changed != null ? changed : s.itemHidden(i)) {
        filter.exclude(i);
      }
    }
    if (category != null) {
      int c = s.categoryNames().indexOf(category);
      for (int i = 0; i < items; i++) {
        if (c < 0 || !contains(s.itemCategoryIndices(i), c)) {
          filter.exclude(i);
        }
      }
    }
    float[] scores = new float[items];
    (known ? b.model() : b.fallback()).score(known ? user : 0, scores);
    int want = offset + n;
    if (items == 0) {
      return new Page(List.of(), b);
    }
    int[] top = new int[want];
    float[] topScores = new float[want];
    int found = new TopK(want).select(scores, items, filter, top, topScores);
    List<String> reasons = List.of(known && !b.modelName().equals("pop") ? b.modelName() : "popular");
    List<Scored> out = new ArrayList<>(Math.max(0, found - offset));
    for (int k = offset; k < found; k++) {
      out.add(new Scored(s.itemId(top[k]), topScores[k], reasons));
    }
    return new Page(out, b);
  }

  private static void excludeId(InteractionSnapshot s, ItemFilter filter, String itemId) {
    int i = s.itemIndex(itemId);
    if (i >= 0) {
      filter.exclude(i);
    }
  }

  private static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
