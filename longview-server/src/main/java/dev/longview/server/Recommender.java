package dev.longview.server;

import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.pipeline.ModelSet;
import dev.longview.pipeline.SequenceSource;
import dev.longview.pipeline.Pipeline;
import dev.longview.pipeline.PipelineConfig;
import dev.longview.pipeline.RecommendRequest;
import dev.longview.pipeline.TextEncoderFactory;
import dev.longview.pipeline.Recommendation;
import dev.longview.rank.RankerModel;
import dev.longview.store.EventStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves recommendations through the {@link Pipeline} from the current {@link ModelBundle}, adds
 * what happened since its snapshot (the user's {@link RecentItems}, hidden flags changed through
 * the API), and retrains it.
 *
 * <p>Training builds a fresh snapshot from the store, trains the chain's models and encodes the
 * items' text for text recall ({@link ModelSet#train}) and swaps the whole bundle in with one atomic write; requests in
 * flight finish on the bundle they started with, so a swap fails no request. One training at a
 * time. Thread-safe.
 */
final class Recommender {
  /** One page of recommendations and the bundle that produced it. */
  record Page(Recommendation result, ModelBundle bundle) {}

  private final EventStore store;
  private final PipelineConfig config;
  private final Pipeline pipeline;
  private final long seed;
  private final Clock clock;
  private final Map<String, Trainer> trainers;
  /** The sequential model loaded at start-up (kept across retrainings), or null. */
  private final SequenceSource sequence;
  private final TextEncoderFactory textEncoder;
  /** The learned ranker loaded at start-up (kept across retrainings), or null for the blend. */
  private final RankerModel ranker;
  private final AtomicReference<ModelBundle> current = new AtomicReference<>();
  private final ReentrantLock training = new ReentrantLock();
  private final RecentItems recent = new RecentItems();
  /** Hidden flags changed through the API since start-up: item id -> hidden. */
  private final Map<String, Boolean> hiddenChanges = new ConcurrentHashMap<>();
  private volatile Runnable newItemListener = () -> { };

  /**
   * @param trainers trainers replacing the registry's for the models they name (tests inject a
   *     failing model this way); empty in production
   * @param textEncoder the encoder of text recall for each training
   */
  Recommender(EventStore store, PipelineConfig config, long seed, Clock clock,
      Map<String, Trainer> trainers, TextEncoderFactory textEncoder) {
    this(store, config, seed, clock, trainers, textEncoder, null);
  }

  /**
   * @param sequence a sequential model served by every model set this trains (it is not
   *     retrained here: {@code ./longview train --model sasrec} and a restart replace it); or null
   */
  Recommender(EventStore store, PipelineConfig config, long seed, Clock clock,
      Map<String, Trainer> trainers, TextEncoderFactory textEncoder, SequenceSource sequence) {
    this(store, config, seed, clock, trainers, textEncoder, sequence, null);
  }

  /**
   * @param ranker a learned ranker (from a {@code longview train --model ranker} bundle) that
   *     ranks the candidates of every model set this trains, its features computed on each new
   *     snapshot; it is not retrained here, and the caller closes it; or null for the blend
   */
  Recommender(EventStore store, PipelineConfig config, long seed, Clock clock,
      Map<String, Trainer> trainers, TextEncoderFactory textEncoder, SequenceSource sequence,
      RankerModel ranker) {
    this.ranker = ranker;
    this.sequence = sequence;
    this.textEncoder = textEncoder;
    this.store = store;
    this.config = config;
    this.pipeline = Pipeline.standard(config);
    this.seed = seed;
    this.clock = clock;
    this.trainers = Map.copyOf(trainers);
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
   * Sets what to call when an item the current model does not know is stored (the server
   * schedules a catalogue refresh); set once, before requests arrive.
   */
  void onNewItem(Runnable listener) {
    this.newItemListener = listener;
  }

  /**
   * An item was stored through the API: its hidden flag applies at once, and when the current
   * model does not know it (a new item, or no model yet) the new-item listener is told.
   */
  void itemStored(String itemId, boolean hidden) {
    itemHidden(itemId, hidden);
    ModelBundle b = current.get();
    if (b == null || b.snapshot().itemIndex(itemId) < 0) {
      newItemListener.run();
    }
  }

  /**
   * Trains a new bundle from the store and swaps it in.
   *
   * @throws IllegalStateException when a training is already running
   */
  ModelBundle retrain() {
    ModelBundle b = retrainIfIdle();
    if (b == null) {
      throw new IllegalStateException("a training is already running; try again when it is done");
    }
    return b;
  }

  /**
   * Trains a new bundle from the store and swaps it in, unless a training is already running.
   *
   * @return the new bundle, or null when another training was running
   */
  ModelBundle retrainIfIdle() {
    if (!training.tryLock()) {
      return null;
    }
    try {
      long start = System.nanoTime();
      long mark = recent.mark();
      InteractionSnapshot snapshot = store.snapshot();
      ModelSet models = ModelSet.train(snapshot, config, trainers, seed, textEncoder, sequence,
          ranker);
      ModelBundle old = current.get();
      ModelBundle next = new ModelBundle(models, old == null ? 1 : old.version() + 1,
          Instant.now(clock), (System.nanoTime() - start) / 1e9, mark);
      current.set(next);
      recent.forgetBefore(mark);
      return next;
    } finally {
      training.unlock();
    }
  }

  private ModelBundle bundle() {
    ModelBundle b = current.get();
    if (b == null) {
      throw ApiException.unavailable("no model is loaded yet; the first training is running"
          + " (see /health/ready)");
    }
    return b;
  }

  /**
   * Recommendations for {@code request}: its {@code recent} items (the request's session items)
   * come after the user's items since the snapshot.
   */
  Page recommend(RecommendRequest request) {
    ModelBundle b = bundle();
    List<RecommendRequest.RecentItem> all = new ArrayList<>();
    if (request.userId() != null) {
      all.addAll(recent.of(request.userId()));
    }
    all.addAll(request.recent());
    return new Page(pipeline.recommend(b.models(), request.withRecent(all), hiddenChanges), b);
  }

  /** Items similar to {@code itemId}, through the same pipeline. */
  Page similar(String itemId, int n) {
    ModelBundle b = bundle();
    if (b.snapshot().itemIndex(itemId) < 0) {
      throw ApiException.notFound("item \"" + itemId + "\" is not in the current model (version "
          + b.version() + "); an item added since gets similar items after the next training");
    }
    return new Page(pipeline.similar(b.models(), itemId, n, hiddenChanges), b);
  }
}
