package dev.longview.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.core.Event;
import dev.longview.core.Item;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A real server on a random port over a real SQLite store in a temporary folder, and a JDK
 * HttpClient to talk to it. Each test gets its own.
 */
final class ServerFixture implements AutoCloseable {
  static final OffsetDateTime T0 = OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC);

  /** An HTTP answer: status and body (parsed as JSON when it is JSON, else null). */
  record Reply(int status, String text, JsonNode json, HttpResponse<String> raw) {}

  final EventStore store;
  final LongviewServer server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  String apiKey;

  ServerFixture(EventStore store, LongviewServer server) {
    this.store = store;
    this.server = server;
  }

  /** A store seeded by {@code seed}, a server on port 0 with {@code config}, its model loaded. */
  static ServerFixture start(Path dir, ServerConfig config, java.util.function.Consumer<StoreWriter> seed) {
    // As `longview serve` opens it: events posted to the server go through the ingest journal.
    EventStore store = EventStore.openJournaled(dir.resolve("test.db").toString());
    try (StoreWriter w = store.writer()) {
      seed.accept(w);
      w.commit();
    }
    LongviewServer server = LongviewServer.start(store, config.withPort(0));
    try {
      server.awaitModel(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new ServerFixture(store, server);
  }

  /**
   * The shop every recommendation test uses: items i1..i5 with popularity i1 (4 users) > i2 (3) >
   * i3 (2) > i4 (1) > i5 (0, only in the catalogue); i4 in category "books", others "toys".
   * u1 viewed i1; u2 viewed i1, i2; u3 viewed i1, i2, i3; u4 viewed i1, i2, i3, i4.
   */
  static void shop(StoreWriter w) {
    for (int i = 1; i <= 5; i++) {
      w.putItem(new Item("i" + i, List.of(i == 4 ? "books" : "toys"), "Item " + i, null, 1.0 * i,
          Map.of(), null, false));
    }
    for (int u = 1; u <= 4; u++) {
      for (int i = 1; i <= u; i++) {
        w.addEvent(Event.of("u" + u, "i" + i, "view", T0.plusMinutes(10L * u + i)));
      }
    }
  }

  Reply get(String path) {
    return send("GET", path, null);
  }

  Reply send(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (apiKey != null) {
      b.header("X-API-Key", apiKey);
    }
    return send(b.build());
  }

  Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
        json = Json.MAPPER.readTree(r.body());
      }
      return new Reply(r.statusCode(), r.body(), json, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Item ids of a recommend answer, in order. */
  static List<String> itemIds(Reply r) {
    return r.json().get("items").findValuesAsText("itemId");
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
