package dev.longview.server;

import dev.longview.core.model.Trainer;
import dev.longview.core.text.TextEncoder;
import dev.longview.pipeline.TextEncoderFactory;
import dev.longview.pipeline.SequenceSource;
import dev.longview.rank.RankerModel;
import dev.longview.store.EventStore;
import io.helidon.webserver.WebServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Longview HTTP server: the JSON API under {@code /api/v1}, health, metrics and the OpenAPI
 * document, on Helidon SE (one virtual thread per request).
 *
 * <p>Lifetime: {@link #start} listens at once and trains the first model in the background
 * ({@code /health/ready} says 503 until it is loaded; {@link #awaitModel} waits for it); with a
 * retrain interval, a single background thread retrains on that schedule; an item stored through
 * the API that the model does not know yet triggers a retraining after the catalogue refresh
 * delay ({@link ServerConfig#catalogueRefresh()}, on the same thread). {@link #close} stops
 * listening and the schedule; it does not close the store, which belongs to the caller.
 * Thread-safe.
 */
public final class LongviewServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LongviewServer.class.getName());

  private final WebServer server;
  private final Recommender recommender;
  private final Routes routes;
  private final ServerConfig config;
  private final CountDownLatch firstModel = new CountDownLatch(1);
  private final ScheduledExecutorService scheduler;
  private final AnalyticsData analytics;
  private volatile Throwable firstTrainingFailure;
  private final AtomicBoolean refreshPending = new AtomicBoolean();

  /** The ONNX text encoder opened for {@code "textEncoder": "onnx:DIR"}, closed with the server. */
  private final TextEncoder ownedTextEncoder;

  private LongviewServer(EventStore store, ServerConfig config, Clock clock,
      Map<String, Trainer> trainers, Function<Path, TextEncoder> onnxOpener,
      SequenceSource sequence, RankerModel ranker) {
    this.config = config;
    Path onnx = config.onnxTextEncoder();
    if (onnx != null) {
      if (onnxOpener == null) {
        throw new IllegalArgumentException("textEncoder \"" + config.textEncoder() + "\" needs"
            + " the ONNX runtime, which this embedding of the server was not given; run"
            + " `longview serve` (which can open it) or use \"textEncoder\": \"tfidf\"");
      }
      this.ownedTextEncoder = onnxOpener.apply(onnx);
    } else {
      this.ownedTextEncoder = null;
    }
    TextEncoderFactory text = ownedTextEncoder != null ? TextEncoderFactory.fixed(ownedTextEncoder)
        : TextEncoderFactory.tfidf();
    this.recommender = new Recommender(store, config.servingPipeline(), 42, clock, trainers, text,
        sequence, ranker);
    Metrics metrics = new Metrics(recommender::current, clock, store::ingestStats);
    StoreWrites writes = new StoreWrites(store);
    this.analytics = new AnalyticsData(store, writes::generation, clock, Duration.ofSeconds(30),
        Duration.ofMinutes(5));
    UiEndpoints ui = new UiEndpoints();
    this.routes = new Routes(new Auth(config.apiKeys()), metrics,
        new UserEndpoints(store, writes, recommender, config),
        new ItemEndpoints(store, writes, recommender, config),
        new EventEndpoints(store, writes, recommender, metrics, config, clock),
        new RecommendEndpoint(recommender, config), new AdminEndpoints(recommender),
        new HealthEndpoints(store, recommender, metrics),
        new AnalyticsEndpoints(store, analytics, DashboardServing.of(recommender),
            config.labResultsFile()));
    if (!config.authEnabled()) {
      LOG.log(System.Logger.Level.WARNING, "no API keys are configured: anyone who can reach "
          + config.host() + " can read and write; add \"apiKeys\" to the config file");
    }
    this.server = WebServer.builder()
        .host(config.host())
        .port(config.port())
        .shutdownHook(false)
        .routing(r -> {
          ui.register(r);
          routes.register(r);
        })
        .build();
    this.scheduler = config.retrainInterval().isZero() && config.catalogueRefresh().isZero()
        ? null
        : Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "longview-retrain");
          t.setDaemon(true);
          return t;
        });
    recommender.onNewItem(this::newItemStored);
  }

  /**
   * Starts the server with the system clock.
   *
   * @throws IllegalArgumentException when the config asks for the ONNX text encoder (use
   *     {@link #start(EventStore, ServerConfig, Function)}) or names a {@code sequenceModel}
   *     (use {@link #start(EventStore, ServerConfig, Function, SequenceSource)})
   */
  public static LongviewServer start(EventStore store, ServerConfig config) {
    return start(store, config, (Function<Path, TextEncoder>) null);
  }

  /**
   * Starts the server with the system clock; {@code onnxOpener} opens the ONNX text encoder
   * when the config names one ({@code "textEncoder": "onnx:DIR"}), so that this module needs no
   * ONNX runtime (the CLI passes {@code OnnxSentenceEncoder::open}); null when not available.
   * The encoder is opened once, shared by every training, and closed with the server.
   */
  public static LongviewServer start(EventStore store, ServerConfig config,
      Function<Path, TextEncoder> onnxOpener) {
    return start(store, config, Clock.systemUTC(), Map.of(), onnxOpener, null);
  }

  /**
   * As {@link #start(EventStore, ServerConfig, Function)}, serving {@code sequence} (a sequential
   * model loaded from the bundle that {@link ServerConfig#sequenceModel()} names, as
   * {@code longview serve} does with longview-deep's {@code SequenceBundles}; null for none) as
   * the {@code sequence} recall source of every model set it trains.
   */
  public static LongviewServer start(EventStore store, ServerConfig config,
      Function<Path, TextEncoder> onnxOpener, SequenceSource sequence) {
    return start(store, config, Clock.systemUTC(), Map.of(), onnxOpener, sequence);
  }

  /**
   * As {@link #start(EventStore, ServerConfig, Function, SequenceSource)}, ranking every request's
   * candidates with {@code ranker} (a learned ranker read from a {@code longview train --model
   * ranker} bundle with {@link RankerModel#read}; null for the blend): each training binds it to
   * the new snapshot, and responses name the model {@code "<chain model>+ranker"}. The caller
   * closes {@code ranker} after the server.
   */
  public static LongviewServer start(EventStore store, ServerConfig config,
      Function<Path, TextEncoder> onnxOpener, SequenceSource sequence, RankerModel ranker) {
    return start(store, config, Clock.systemUTC(), Map.of(), onnxOpener, sequence, ranker);
  }

  static LongviewServer start(EventStore store, ServerConfig config, Clock clock) {
    return start(store, config, clock, Map.of());
  }

  /** As {@link #start(EventStore, ServerConfig)}, with trainers replacing the registry's. */
  static LongviewServer start(EventStore store, ServerConfig config, Clock clock,
      Map<String, Trainer> trainers) {
    return start(store, config, clock, trainers, null, null);
  }

  private static LongviewServer start(EventStore store, ServerConfig config, Clock clock,
      Map<String, Trainer> trainers, Function<Path, TextEncoder> onnxOpener,
      SequenceSource sequence) {
    return start(store, config, clock, trainers, onnxOpener, sequence, null);
  }

  private static LongviewServer start(EventStore store, ServerConfig config, Clock clock,
      Map<String, Trainer> trainers, Function<Path, TextEncoder> onnxOpener,
      SequenceSource sequence, RankerModel ranker) {
    if (config.sequenceModel() != null && sequence == null) {
      throw new IllegalArgumentException("the config names sequenceModel \""
          + config.sequenceModel() + "\"; load it (longview-deep's SequenceBundles, as"
          + " ./longview serve does) and start the server with it");
    }
    LongviewServer s = new LongviewServer(store, config, clock, trainers, onnxOpener, sequence,
        ranker);
    s.server.start();
    if (!s.server.isRunning()) {
      // Helidon logs a failed bind (port in use) and returns instead of throwing.
      s.close();
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port()
          + "; is another process using the port? Choose another port");
    }
    Thread.ofVirtual().name("longview-first-training").start(s::trainFirst);
    Thread.ofVirtual().name("longview-analytics-warm-up").start(s.analytics::warmUp);
    if (!config.retrainInterval().isZero()) {
      long every = config.retrainInterval().toMillis();
      s.scheduler.scheduleWithFixedDelay(s::retrainQuietly, every, every, TimeUnit.MILLISECONDS);
    }
    return s;
  }

  private void trainFirst() {
    try {
      ModelBundle b = recommender.retrain();
      LOG.log(System.Logger.Level.INFO, "model " + b.modelName() + " v" + b.version()
          + " trained on " + b.snapshot().size() + " interactions in "
          + String.format(java.util.Locale.ROOT, "%.2f s", b.trainingSeconds()));
    } catch (RuntimeException | LinkageError e) {
      firstTrainingFailure = e;
      LOG.log(System.Logger.Level.ERROR, "the first training failed; POST /api/v1/admin/train"
          + " to try again", e);
    } finally {
      firstModel.countDown();
    }
  }

  /**
   * An item the current model does not know was stored: retrain after the catalogue refresh
   * delay, so that it becomes recommendable through the cold-start sources (category and text
   * recall). Items stored while one refresh is pending share it.
   */
  private void newItemStored() {
    if (scheduler == null || config.catalogueRefresh().isZero()
        || !refreshPending.compareAndSet(false, true)) {
      return;
    }
    try {
      scheduler.schedule(this::refreshCatalogue, config.catalogueRefresh().toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      refreshPending.set(false);
    }
  }

  private void refreshCatalogue() {
    // Cleared first: an item stored during this training schedules the next refresh.
    refreshPending.set(false);
    try {
      ModelBundle b = recommender.retrainIfIdle();
      if (b == null) {
        // Another training runs; its snapshot may have been taken before the item was stored.
        newItemStored();
      } else {
        LOG.log(System.Logger.Level.INFO, "catalogue refresh: model " + b.modelName() + " v"
            + b.version() + " knows " + b.snapshot().itemCount() + " items");
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "catalogue refresh failed: " + e.getMessage(), e);
    }
  }

  private void retrainQuietly() {
    try {
      recommender.retrain();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "scheduled retraining failed: " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the first model is loaded.
   *
   * @return the model's description (name, version, size), as {@code POST /admin/train} gives it
   * @throws IllegalStateException when the first training failed or {@code timeout} passed
   */
  public String awaitModel(Duration timeout) throws InterruptedException {
    if (!firstModel.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("no model after " + timeout);
    }
    ModelBundle b = recommender.current();
    if (b == null) {
      throw new IllegalStateException("the first training failed: " + firstTrainingFailure);
    }
    return b.modelName() + " v" + b.version() + ": " + b.snapshot().userCount() + " users, "
        + b.snapshot().itemCount() + " items, " + b.snapshot().size() + " interactions, trained in "
        + String.format(java.util.Locale.ROOT, "%.2f s", b.trainingSeconds());
  }

  /** The port listened on (the chosen one when the config said 0). */
  public int port() {
    return server.port();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port();
  }

  /** The recommender in use (for benchmarks and tests in this package). */
  Recommender recommender() {
    return recommender;
  }

  /** "METHOD /path" of every route, in table order (for documentation checks). */
  List<String> routeList() {
    return routes.table().stream().map(r -> r.method().text() + " " + r.path()).toList();
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    server.stop();
    if (ownedTextEncoder != null) {
      ownedTextEncoder.close();
    }
  }
}
