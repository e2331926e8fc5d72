package dev.longview.cli;

import dev.longview.deep.SequenceBundles;
import dev.longview.algorithms.bundle.ModelBundles;
import dev.longview.pipeline.SequenceSource;
import dev.longview.rank.RankerModel;
import dev.longview.server.LongviewServer;
import dev.longview.server.ServerConfig;
import dev.longview.store.EventStore;
import dev.longview.text.onnx.OnnxSentenceEncoder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", description = {
    "Run the HTTP server: the JSON API under /api/v1 (users, items, events, recommendations),"
        + " /health/live, /health/ready, /metrics and /openapi.yaml.",
    "Options override the config file; Ctrl-C stops it cleanly."})
final class ServeCommand implements Runnable {
  @Mixin DatabaseOption database;
  @Option(names = "--config", paramLabel = "FILE",
      description = "JSON config file (host, port, apiKeys, maxBatchSize, maxBodyBytes, model, pipeline,"
          + " retrainInterval, textEncoder, sequenceModel); see README")
  Path config;
  @Option(names = "--port", paramLabel = "P", description = "TCP port (default 8080; 0 = any free one)")
  Integer port;
  @Option(names = "--host", paramLabel = "H", description = "interface to listen on (default 127.0.0.1)")
  String host;
  @Option(names = "--ranker", paramLabel = "DIR",
      description = "a bundle of `longview train --model ranker` (MODELS_DIR/NAME for its LATEST"
          + " version, or a vN folder): its learned ranker ranks every request's candidates")
  Path ranker;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig c = config == null ? ServerConfig.defaults() : ServerConfig.load(config);
    if (port != null) {
      c = c.withPort(port);
    }
    if (host != null) {
      c = c.withHost(host);
    }
    // Ctrl-C runs the hook: it wakes this thread, which closes the server and then the store,
    // and waits (at most 10 s) for that so the JVM does not exit half-way.
    CountDownLatch stopping = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.countDown();
      try {
        closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "longview-shutdown"));
    SequenceBundles.Loaded sequence = loadSequence(c);
    RankerModel rankerModel = loadRanker(ranker);
    try (sequence; rankerModel; EventStore store = database.openJournaled();
        LongviewServer server = start(store, c, sequence, rankerModel)) {
      out.println("Longview server listening on " + server.url() + " (database " + database.location()
          + (c.authEnabled() ? ", " + c.apiKeys().size() + " API keys" : ", no API keys: open to anyone who can connect") + ")");
      if (sequence != null) {
        out.println("sequential model " + sequence.describe() + ": recall source \"sequence\" for"
            + " requests with session or real-time items (retrain it with ./longview train and restart)");
      }
      if (rankerModel != null) {
        out.println("learned ranker from " + ranker + " (" + rankerModel.trainGroups()
            + " training groups, sources " + rankerModel.sources() + "): ranks every request's"
            + " candidates; responses name the model \"<model>+ranker\"");
      }
      out.println("  try: curl " + server.url() + "/api/v1/recommend/some-user?n=5");
      out.println("  API description: " + server.url() + "/openapi.yaml; stop with Ctrl-C");
      out.flush();
      out.println("model " + server.awaitModel(Duration.ofHours(1)));
      out.flush();
      stopping.await();
      out.println("stopping...");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      out.println("stopped");
      out.flush();
      closed.countDown();
    }
  }

  /** The sequential model bundle the config names, or null. */
  private static SequenceBundles.Loaded loadSequence(ServerConfig c) {
    if (c.sequenceModel() == null) {
      return null;
    }
    try {
      return SequenceBundles.load(Path.of(c.sequenceModel()));
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new UserError("sequenceModel: " + e.getMessage());
    }
  }

  /** The ranker of a bundle folder (its LATEST version) or of a version folder; null for none. */
  static RankerModel loadRanker(Path dir) {
    if (dir == null) {
      return null;
    }
    try {
      Path version = dir;
      if (!java.nio.file.Files.isRegularFile(dir.resolve(RankerModel.META_FILE))) {
        Path parent = dir.toAbsolutePath().getParent();
        version = ModelBundles.latest(parent, dir.getFileName().toString()).orElseThrow(() ->
            new UserError("--ranker " + dir + " is neither a ranker bundle version (with "
                + RankerModel.META_FILE + ") nor a bundle folder with versions; train one with"
                + " `longview train --model ranker --input ...`"));
      }
      return RankerModel.read(version);
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new UserError("--ranker: " + e.getMessage());
    }
  }

  private static LongviewServer start(EventStore store, ServerConfig c,
      SequenceBundles.Loaded sequence, RankerModel ranker) {
    try {
      // The ONNX text encoder is opened only when the config asks for it ("onnx:DIR").
      return LongviewServer.start(store, c, OnnxSentenceEncoder::open, sequence == null ? null
          : new SequenceSource(sequence.describe(), sequence.model(), sequence.itemIds()), ranker);
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      throw new UserError(e.getMessage() + (c.onnxTextEncoder() != null
          ? " (--port, or textEncoder " + c.textEncoder() + ")" : " (--port)"));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage() + " (textEncoder in --config)");
    }
  }
}
