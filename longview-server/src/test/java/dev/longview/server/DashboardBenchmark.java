package dev.longview.server;

import dev.longview.store.EventStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the dashboard's analytics routes over HTTP on a real store: the data load, then for each
 * route the first request (computed) and the median of the next {@code repeats} (cached), with
 * {@code GET /health/live} as the same-run baseline of the HTTP round trip. Not a test (no
 * JUnit); run with the test classpath:
 *
 * <pre>
 * java -cp "$(cat cp.txt):longview-server/target/classes:longview-server/target/test-classes" \
 *     dev.longview.server.DashboardBenchmark PATH.db [repeats]
 * </pre>
 */
public final class DashboardBenchmark {
  private DashboardBenchmark() {}

  public static void main(String[] args) throws Exception {
    String db = args[0];
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try (EventStore store = EventStore.open(db)) {
      LongviewServer server = LongviewServer.start(store, ServerConfig.defaults().withPort(0));
      try {
        long t = System.nanoTime();
        System.out.println("model: " + server.awaitModel(Duration.ofHours(1)));
        System.out.printf(Locale.ROOT, "model ready after %.1f s%n", (System.nanoTime() - t) / 1e9);
        String base = server.url();
        // The first analytics request waits for the start-up load of the data.
        long l = System.nanoTime();
        get(client, base + "/api/v1/analytics/models");
        System.out.printf(Locale.ROOT, "models answered after %.1f s%n", (System.nanoTime() - l) / 1e9);
        String firstUser = firstUser(get(client, base + "/api/v1/analytics/users?limit=1"));
        List<String> routes = new ArrayList<>(List.of(
            "/health/live",
            "/api/v1/analytics/overview?interval=week",
            "/api/v1/analytics/lifecycle?interval=week",
            "/api/v1/analytics/lifecycle?interval=week&splitBy=country",
            "/api/v1/analytics/retention?interval=week",
            "/api/v1/analytics/commerce?interval=week",
            "/api/v1/analytics/overview?interval=day",
            "/api/v1/analytics/lifecycle?interval=month",
            "/api/v1/analytics/retention?interval=month&cohorts=recurring&variant=unbounded",
            "/api/v1/analytics/commerce?interval=day",
            "/api/v1/analytics/users?q=1",
            "/api/v1/analytics/users/" + firstUser + "?interval=week",
            "/api/v1/analytics/models"));
        System.out.printf("%-80s %10s %10s %9s%n", "route", "first ms", "cached ms", "KiB");
        for (String route : routes) {
          long s = System.nanoTime();
          String first = get(client, base + route);
          double firstMs = (System.nanoTime() - s) / 1e6;
          double[] warm = new double[repeats];
          for (int i = 0; i < repeats; i++) {
            long w = System.nanoTime();
            get(client, base + route);
            warm[i] = (System.nanoTime() - w) / 1e6;
          }
          Arrays.sort(warm);
          System.out.printf(Locale.ROOT, "%-80s %10.1f %10.2f %9.1f%n", route, firstMs,
              warm[repeats / 2], first.length() / 1024.0);
        }
        System.out.println("data: " + dataBlock(get(client,
            base + "/api/v1/analytics/overview?interval=week")));
      } finally {
        server.close();
      }
    }
  }

  private static String get(HttpClient client, String url) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private static String firstUser(String search) throws Exception {
    return Json.MAPPER.readTree(search).at("/users/0/id").asText();
  }

  private static String dataBlock(String json) throws Exception {
    return Json.MAPPER.readTree(json).get("data").toString();
  }
}
