package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.server.ServerFixture.Reply;
import dev.longview.store.EventStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/events} through the ingest journal ({@code longview serve}'s SQLite path):
 * what a client sees right after a 200, what a bad batch leaves behind, and what a server killed
 * with SIGKILL right after acknowledged batches has kept.
 */
class IngestJournalServerTest {
  @TempDir Path dir;

  static String events(String prefix, int n, String user) {
    StringBuilder b = new StringBuilder("[");
    for (int k = 0; k < n; k++) {
      b.append(k == 0 ? "" : ",").append("{\"eventId\":\"").append(prefix).append(k)
          .append("\",\"userId\":\"").append(user == null ? "w" + (k % 37) : user)
          .append("\",\"itemId\":\"i").append(1 + k % 5).append("\",\"type\":\"view\",")
          .append("\"time\":\"2024-02-01T10:").append(String.format("%02d:%02d", (k / 60) % 60, k % 60))
          .append("Z\"}");
    }
    return b.append(']').toString();
  }

  @Test
  void acknowledgedEvents_areReadBackAtOnce_deduplicated_deletedWithTheirUser() {
    try (ServerFixture api = ServerFixture.start(dir, ServerConfig.defaults(), ServerFixture::shop)) {
      assertThat(api.store.journaled()).isTrue();
      for (int round = 0; round < 5; round++) {
        Reply r = api.send("POST", "/api/v1/events", events("r" + round + "-", 30, "reader"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("stored").asInt()).isEqualTo(30);
        // read your writes: the very next request sees every acknowledged event
        Reply mine = api.get("/api/v1/users/reader/events?limit=1000");
        assertThat(mine.json().get("events").size()).isEqualTo(30 * (round + 1));
      }
      Reply again = api.send("POST", "/api/v1/events", events("r0-", 30, "reader"));
      assertThat(again.json().get("duplicates").asInt()).isEqualTo(30);
      assertThat(again.json().get("stored").asInt()).isZero();

      Reply recommend = api.get("/api/v1/recommend/reader?n=10");
      assertThat(ServerFixture.itemIds(recommend)).doesNotContain("i1", "i2", "i3", "i4", "i5");

      assertThat(api.get("/metrics").text()).contains("longview_ingest_journal_backlog_events");
      Reply deleted = api.send("DELETE", "/api/v1/users/reader", null);
      assertThat(deleted.json().get("eventsDeleted").asLong()).isEqualTo(150);
      assertThat(api.store.eventsOfUser("reader").count()).isZero();
    }
  }

  @Test
  void aBatchWithNoValidEvent_is400_andWritesNothing() {
    try (ServerFixture api = ServerFixture.start(dir, ServerConfig.defaults(), ServerFixture::shop)) {
      long before = api.store.counts().events();
      Reply bad = api.send("POST", "/api/v1/events",
          "[{\"userId\":\"x\",\"itemId\":\"i1\",\"type\":\"teleport\",\"time\":\"2024-02-01T10:00:00Z\"}]");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().has("error")).isTrue();
      assertThat(api.store.counts().events()).isEqualTo(before);
      assertThat(api.store.user("x")).isEmpty();
    }
  }

  @Test
  void aServerKilledRightAfterAcknowledgedBatches_losesNone() throws Exception {
    String db = dir.resolve("killed.db").toString();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
        "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
        JournalServerMain.class.getName(), db).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> acked = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
      String line = out.readLine();
      assertThat(line).startsWith("url ");
      URI events = URI.create(line.substring(4) + "/api/v1/events");
      HttpClient client = HttpClient.newHttpClient();
      // two clients at once (so batches share journal forces), 12 batches of 400 each
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        int cc = c;
        clients.add(Thread.ofVirtual().start(() -> {
          for (int b = 0; b < 12; b++) {
            String prefix = "c" + cc + "b" + b + "-";
            HttpRequest req = HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(events(prefix, 400, null))).build();
            try {
              HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 200) {
                synchronized (acked) {
                  acked.add(prefix);
                }
              }
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        }));
      }
      for (Thread t : clients) {
        t.join();
      }
    } finally {
      p.destroyForcibly(); // SIGKILL right after the last acknowledgement
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acked).hasSize(24);
    try (EventStore store = EventStore.open(db)) {
      Map<String, Integer> seen = new HashMap<>();
      try (var s = store.events(Instant.parse("2024-02-01T00:00:00Z"),
          Instant.parse("2024-02-02T00:00:00Z"))) {
        s.filter(e -> e.eventId() != null).forEach(e -> seen.merge(e.eventId(), 1, Integer::sum));
      }
      for (String prefix : acked) {
        for (int k = 0; k < 400; k++) {
          assertThat(seen.get(prefix + k)).as(prefix + k).isEqualTo(1);
        }
      }
      assertThat(seen).hasSize(24 * 400);
    }
    assertThat(Files.exists(Path.of(db + ".ingest"))).isFalse();
  }
}
