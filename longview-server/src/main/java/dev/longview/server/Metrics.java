package dev.longview.server;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The server's counters, written out in the Prometheus text exposition format 0.0.4 by hand
 * (no client library): requests and their latency by route template, method and status; events
 * ingested and skipped as duplicates; model version and age. Thread-safe; recording is lock-free.
 */
final class Metrics {
  /** Latency histogram bucket upper bounds, in seconds. */
  static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
      0.5, 1, 2.5, 5, 10};

  private record Key(String route, String method, int status) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = route.compareTo(o.route);
      c = c != 0 ? c : method.compareTo(o.method);
      return c != 0 ? c : Integer.compare(status, o.status);
    }
  }

  private static final class Histogram {
    final AtomicLongArray counts = new AtomicLongArray(BUCKETS.length + 1);
    final DoubleAdder sum = new DoubleAdder();

    void observe(double seconds) {
      int b = 0;
      while (b < BUCKETS.length && seconds > BUCKETS[b]) {
        b++;
      }
      counts.incrementAndGet(b);
      sum.add(seconds);
    }
  }

  private final Map<Key, Histogram> requests = new ConcurrentHashMap<>();
  final LongAdder eventsIngested = new LongAdder();
  final LongAdder eventsDuplicate = new LongAdder();
  final LongAdder eventsRejected = new LongAdder();
  private final Supplier<ModelBundle> model;
  private final Clock clock;

  /** The store's ingest journal counters ({@code EventStore.ingestStats()}); empty without one. */
  private final Supplier<Map<String, Double>> ingest;

  Metrics(Supplier<ModelBundle> model, Clock clock) {
    this(model, clock, Map::of);
  }

  Metrics(Supplier<ModelBundle> model, Clock clock, Supplier<Map<String, Double>> ingest) {
    this.model = model;
    this.clock = clock;
    this.ingest = ingest;
  }

  void request(String route, String method, int status, long nanos) {
    requests.computeIfAbsent(new Key(route, method, status), k -> new Histogram())
        .observe(nanos / 1e9);
  }

  /** The exposition text, content type {@code text/plain; version=0.0.4}. */
  String scrape() {
    StringBuilder out = new StringBuilder(4096);
    Map<Key, Histogram> sorted = new TreeMap<>(requests);
    out.append("# HELP longview_http_requests_total HTTP requests by route template, method and status.\n");
    out.append("# TYPE longview_http_requests_total counter\n");
    sorted.forEach((k, h) -> out.append("longview_http_requests_total").append(labels(k, null))
        .append(' ').append(total(h)).append('\n'));
    out.append("# HELP longview_http_request_duration_seconds Time from request to response.\n");
    out.append("# TYPE longview_http_request_duration_seconds histogram\n");
    sorted.forEach((k, h) -> {
      long cumulative = 0;
      for (int b = 0; b <= BUCKETS.length; b++) {
        cumulative += h.counts.get(b);
        String le = b < BUCKETS.length ? number(BUCKETS[b]) : "+Inf";
        out.append("longview_http_request_duration_seconds_bucket").append(labels(k, le))
            .append(' ').append(cumulative).append('\n');
      }
      out.append("longview_http_request_duration_seconds_sum").append(labels(k, null)).append(' ')
          .append(number(h.sum.sum())).append('\n');
      out.append("longview_http_request_duration_seconds_count").append(labels(k, null))
          .append(' ').append(cumulative).append('\n');
    });
    counter(out, "longview_events_ingested_total", "Events newly stored through the API.",
        eventsIngested.sum());
    counter(out, "longview_events_duplicate_total", "Events skipped as already stored.",
        eventsDuplicate.sum());
    counter(out, "longview_events_rejected_total", "Events refused as invalid.",
        eventsRejected.sum());
    for (Map.Entry<String, Double> e : ingest.get().entrySet()) {
      String name = "longview_ingest_journal_" + e.getKey();
      String help = switch (e.getKey()) {
        case "backlog_events" -> "Events acknowledged (durable in the journal) and not yet applied to the tables.";
        case "applied_events_total" -> "Journaled events applied to the tables.";
        case "apply_transactions_total" -> "Apply transactions committed.";
        case "apply_seconds_total" -> "Time spent applying journaled events.";
        default -> "Ingest journal counter " + e.getKey() + ".";
      };
      double v = e.getValue();
      // counts exactly (not %g's six digits), seconds as a number
      String text = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : number(v);
      if (e.getKey().endsWith("_total")) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(text).append('\n');
      } else {
        gauge(out, name, help, text);
      }
    }
    ModelBundle b = model.get();
    gauge(out, "longview_model_loaded", "1 when a model is loaded.", b == null ? "0" : "1");
    if (b != null) {
      gauge(out, "longview_model_version", "Version of the model in use (1 = first training).",
          Long.toString(b.version()));
      gauge(out, "longview_model_age_seconds", "Seconds since the model in use was trained.",
          number((clock.millis() - b.trainedAt().toEpochMilli()) / 1000.0));
      gauge(out, "longview_model_training_seconds", "How long the last training took.",
          number(b.trainingSeconds()));
      gauge(out, "longview_model_interactions", "Interactions in the model's snapshot.",
          Integer.toString(b.snapshot().size()));
    }
    return out.toString();
  }

  private static long total(Histogram h) {
    long n = 0;
    for (int b = 0; b < h.counts.length(); b++) {
      n += h.counts.get(b);
    }
    return n;
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    out.append(name).append(' ').append(value).append('\n');
  }

  private static void gauge(StringBuilder out, String name, String help, String value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    out.append(name).append(' ').append(value).append('\n');
  }

  private static String labels(Key k, String le) {
    return "{route=\"" + escape(k.route()) + "\",method=\"" + k.method() + "\",status=\""
        + k.status() + "\"" + (le == null ? "" : ",le=\"" + le + "\"") + "}";
  }

  static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static String number(double v) {
    return String.format(Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1");
  }
}
