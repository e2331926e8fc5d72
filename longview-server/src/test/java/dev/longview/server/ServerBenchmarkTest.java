package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.Event;
import dev.longview.store.EventStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers of BENCHMARKS.md ("Server"). Skipped in normal builds; run with
 *
 * <pre>
 * mvn -pl longview-server test -Dtest=ServerBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dlongview.bench.db=/tmp/ml1m.db
 * </pre>
 *
 * <p>1. Ingest: the same synthetic events, in batches of 1,000, each committed before the next,
 * (a) straight into a fresh store with {@link EventStore#append} (the baseline) and (b) over HTTP
 * ({@code POST /api/v1/events}) into another fresh store; the baseline is measured again after
 * the HTTP run to show drift.
 *
 * <p>2. Recommend latency against the given database (e.g. ml-1m imported): an open-loop load
 * at a fixed rate (each request is timed from its scheduled start, so a stall counts against
 * every request queued behind it), users drawn at random; baselines in the same run: the
 * in-process {@code Recommender.recommend} call (no HTTP), and {@code /health/live} at the same
 * rate (the HTTP floor).
 */
@EnabledIfSystemProperty(named = "longview.bench.db", matches = ".+")
class ServerBenchmarkTest {
  static final int BATCH = 1_000;
  static final int BATCHES = Integer.getInteger("longview.bench.batches", 100);
  static final int RATE = Integer.getInteger("longview.bench.rate", 200);
  static final int SECONDS = Integer.getInteger("longview.bench.seconds", 20);

  @TempDir Path dir;
  final HttpClient client = HttpClient.newHttpClient();

  @Test
  void ingest_overHttp_vs_directAppend() throws Exception {
    List<List<Event>> batches = syntheticBatches(BATCHES, 7);
    double direct1 = directAppend(dir.resolve("direct1.db"), batches);
    double http = httpIngest(dir.resolve("http.db"), batches);
    double direct2 = directAppend(dir.resolve("direct2.db"), batches);
    System.out.printf(Locale.ROOT, "BENCH ingest: %d events in batches of %d: direct append %.0f ev/s"
        + " (again after: %.0f ev/s); HTTP POST /api/v1/events %.0f ev/s (%.0f%% of the first"
        + " direct run)%n", BATCHES * BATCH, BATCH, direct1, direct2, http, 100 * http / direct1);
  }

  @Test
  void recommendLatency_atAFixedRate() throws Exception {
    String db = System.getProperty("longview.bench.db");
    try (EventStore store = EventStore.open(db);
        LongviewServer server = LongviewServer.start(store, ServerConfig.defaults().withPort(0))) {
      System.out.println("BENCH model " + server.awaitModel(Duration.ofMinutes(5)));
      ModelBundle b = serverRecommender(server).current();
      int users = b.snapshot().userCount();
      Random random = new Random(11);
      IntSupplier pick = () -> random.nextInt(users + users / 10); // ~9% unknown users
      String base = server.url();
      java.util.function.IntFunction<String> recommendUrl = u -> base + "/api/v1/recommend/"
          + (u < users ? b.snapshot().userId(u) : "unknown-" + u) + "?n=10";
      // Warm-up: JIT and connections.
      for (int i = 0; i < 3_000; i++) {
        get(recommendUrl.apply(pick.getAsInt()));
      }
      // Baseline 1: in process, no HTTP.
      Recommender rec = serverRecommender(server);
      long[] inProcess = new long[20_000];
      for (int i = 0; i < inProcess.length; i++) {
        int u = pick.getAsInt();
        String id = u < users ? b.snapshot().userId(u) : "unknown-" + u;
        long t = System.nanoTime();
        rec.recommend(dev.longview.pipeline.RecommendRequest.of(id, 10));
        inProcess[i] = System.nanoTime() - t;
      }
      report("in-process Recommender.recommend (n=10, back to back)", inProcess);
      // Baseline 2: the HTTP floor at the same rate.
      report("GET /health/live at " + RATE + " req/s", openLoop(() -> base + "/health/live"));
      report("GET /api/v1/recommend/{user}?n=10 at " + RATE + " req/s",
          openLoop(() -> recommendUrl.apply(pick.getAsInt())));
    }
  }

  private static Recommender serverRecommender(LongviewServer server) {
    return server.recommender();
  }

  /** Sends RATE requests per second for SECONDS seconds; latency from each scheduled start. */
  private long[] openLoop(java.util.function.Supplier<String> url) throws Exception {
    int total = RATE * SECONDS;
    long interval = 1_000_000_000L / RATE;
    List<Future<Long>> results = new ArrayList<>(total);
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      long start = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long scheduled = start + i * interval;
        long wait = scheduled - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        String u = url.get();
        results.add(exec.submit(() -> {
          int status = get(u);
          if (status != 200) {
            throw new IllegalStateException(u + " -> " + status);
          }
          return System.nanoTime() - scheduled;
        }));
      }
      long[] out = new long[total];
      for (int i = 0; i < total; i++) {
        out[i] = results.get(i).get();
      }
      return out;
    }
  }

  private int get(String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void report(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf(Locale.ROOT, "BENCH %s: %d requests, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms,"
        + " max %.3f ms%n", what, s.length, q(s, 0.50), q(s, 0.99), q(s, 0.999), s[s.length - 1] / 1e6);
  }

  private static double q(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static List<List<Event>> syntheticBatches(int batches, long seed) {
    Random random = new Random(seed);
    OffsetDateTime t0 = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    String[] types = {"view", "view", "view", "click", "add_to_cart", "purchase"};
    List<List<Event>> out = new ArrayList<>();
    int n = 0;
    for (int b = 0; b < batches; b++) {
      List<Event> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++, n++) {
        batch.add(new Event("user-" + random.nextInt(20_000), "item-" + random.nextInt(5_000),
            types[random.nextInt(types.length)], null, t0.plusSeconds(n), null, "ev-" + n));
      }
      out.add(batch);
    }
    return out;
  }

  private static double directAppend(Path file, List<List<Event>> batches) {
    try (EventStore store = EventStore.open(file.toString())) {
      long t = System.nanoTime();
      long stored = 0;
      for (List<Event> batch : batches) {
        stored += store.append(batch).eventsStored();
      }
      double s = (System.nanoTime() - t) / 1e9;
      assertThat(stored).isEqualTo((long) batches.size() * BATCH);
      return stored / s;
    }
  }

  private double httpIngest(Path file, List<List<Event>> batches) throws Exception {
    List<String> bodies = new ArrayList<>();
    for (List<Event> batch : batches) {
      List<Map<String, Object>> json = batch.stream().map(Payloads::json).toList();
      bodies.add(Json.MAPPER.writeValueAsString(json));
    }
    try (EventStore store = EventStore.open(file.toString());
        LongviewServer server = LongviewServer.start(store, ServerConfig.defaults().withPort(0))) {
      server.awaitModel(Duration.ofMinutes(1));
      URI uri = URI.create(server.url() + "/api/v1/events");
      long t = System.nanoTime();
      long stored = 0;
      for (String body : bodies) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        stored += Json.MAPPER.readTree(r.body()).get("stored").asLong();
      }
      double s = (System.nanoTime() - t) / 1e9;
      assertThat(stored).isEqualTo((long) batches.size() * BATCH);
      return stored / s;
    }
  }
}
