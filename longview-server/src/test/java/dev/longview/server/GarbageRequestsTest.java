package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.server.ServerFixture.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing a client sends may cause a 500: seeded random and garbled bodies, ids and query
 * parameters against every route. Each failing case names its seed to replay it.
 */
class GarbageRequestsTest {
  @TempDir static Path dir;
  static ServerFixture api;

  static final List<String> METHODS = List.of("GET", "PUT", "POST", "PATCH", "DELETE");
  static final List<String> PATHS = List.of("/api/v1/users/{id}", "/api/v1/users",
      "/api/v1/users/{id}/events", "/api/v1/items/{id}", "/api/v1/items", "/api/v1/events",
      "/api/v1/recommend/{id}", "/api/v1/admin/train", "/health/ready", "/metrics",
      "/openapi.yaml");
  static final List<String> VALID = List.of(
      "{\"userId\": \"u1\", \"itemId\": \"i1\", \"type\": \"view\", \"time\": \"2024-01-01T10:00:00Z\"}",
      "[{\"id\": \"a\", \"attributes\": {\"k\": [1, 2, {\"x\": null}]}}]",
      "{\"categories\": [\"a\"], \"price\": 1.5, \"hidden\": true, \"created\": \"2024-01-01T00:00:00Z\"}",
      "{\"attributes\": {\"plan\": \"pro\"}, \"firstSeen\": \"2023-01-01T00:00:00+05:30\"}",
      "{\"userId\": \"u\", \"itemId\": \"i\", \"type\": \"purchase\", \"value\": -1,"
          + " \"context\": {\"sessionId\": \"s\", \"attributes\": {\"a\": 1}}}");
  static final List<String> ODD = List.of("null", "true", "[]", "{}", "[[]]", "\"x\"", "1e999",
      "-0", "{\"id\": null}", "{\"price\": 1e309}", "{\"time\": 12}", "{\"value\": \"NaN\"}",
      "[null, 1, \"a\"]", "{\"categories\": [\"\"]}", "{\"attributes\": []}",
      "{\"context\": \"x\"}", "{\"type\": {}}", "{\"userId\": \"\\u0000\"}",
      "[".repeat(500) + "]".repeat(500), "{\"a\":".repeat(200), "\uFEFF{}", "\u0000",
      "{\"hidden\": \"yes\"}", "{\"userId\": \"" + "x".repeat(300) + "\", \"type\": \"view\"}");
  static final List<String> IDS = List.of("u1", "i1", "%20x", "%00", "a%2Fb", "x".repeat(300),
      "%E2%82%AC", "..", "%25", "nobody");
  static final List<String> QUERIES = List.of("", "?n=5", "?n=-1", "?n=99999999999", "?offset=x",
      "?limit=0", "?limit=abc", "?category=", "?exclude=,,,", "?n=1&n=2", "?exclude=%00",
      "?offset=10000&n=1000");

  @BeforeAll
  static void start() {
    api = ServerFixture.start(dir, ServerConfig.defaults().withMaxBatchSize(20),
        ServerFixture::shop);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomRequests_neverGetA5xx(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 60; i++) {
      String method = pick(random, METHODS);
      String path = pick(random, PATHS).replace("{id}", pick(random, IDS)) + pick(random, QUERIES);
      String body = random.nextInt(5) == 0 ? null : body(random);
      Reply r = api.send(method, path, body);
      assertThat(r.status())
          .as("seed %d, request %d: %s %s with body %.200s -> %s", seed, i, method, path, body,
              r.text())
          .isLessThan(500);
      if (r.status() >= 400 && path.startsWith("/api")) {
        assertThat(r.json()).as("JSON error for %s %s", method, path).isNotNull();
        assertThat(r.json().has("error")).isTrue();
      }
    }
  }

  private static String body(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> pick(random, VALID);
      case 1 -> pick(random, ODD);
      case 2 -> garble(random, pick(random, VALID));
      default -> randomText(random);
    };
  }

  /** Flips, drops or duplicates a few characters of a valid document. */
  private static String garble(Random random, String s) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && b.length() > 1; e++) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(3)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.setCharAt(at, "{}[]\",:0a\\ ".charAt(random.nextInt(11)));
        default -> b.insert(at, b.charAt(random.nextInt(b.length())));
      }
    }
    return b.toString();
  }

  private static String randomText(Random random) {
    char[] c = new char[random.nextInt(64)];
    for (int i = 0; i < c.length; i++) {
      c[i] = (char) random.nextInt(random.nextBoolean() ? 128 : 0xD800);
    }
    return new String(c);
  }

  private static <T> T pick(Random random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
