package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.server.ServerFixture.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API end to end: a real server on a random port over a real SQLite store. */
class ServerApiTest {
  @TempDir Path dir;
  ServerFixture api;

  @BeforeEach
  void start() {
    api = ServerFixture.start(dir, ServerConfig.defaults().withMaxBatchSize(50),
        ServerFixture::shop);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  // Users ---------------------------------------------------------------------------------------

  @Test
  void users_putGetPatchDelete() {
    Reply put = api.send("PUT", "/api/v1/users/alice",
        "{\"attributes\": {\"country\": \"FR\", \"age\": 31}}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("id").asText()).isEqualTo("alice");

    Reply got = api.get("/api/v1/users/alice");
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().at("/attributes/country").asText()).isEqualTo("FR");

    Reply patched = api.send("PATCH", "/api/v1/users/alice",
        "{\"attributes\": {\"country\": \"DE\", \"plan\": \"pro\", \"age\": null}}");
    assertThat(patched.status()).isEqualTo(200);
    JsonNode attrs = api.get("/api/v1/users/alice").json().get("attributes");
    assertThat(attrs.get("country").asText()).isEqualTo("DE");
    assertThat(attrs.get("plan").asText()).isEqualTo("pro");
    assertThat(attrs.has("age")).isFalse();

    api.send("POST", "/api/v1/events",
        "{\"userId\": \"alice\", \"itemId\": \"i1\", \"type\": \"view\", \"time\": \"2024-02-01T10:00:00Z\"}");
    Reply deleted = api.send("DELETE", "/api/v1/users/alice", null);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().get("eventsDeleted").asLong()).isEqualTo(1);
    assertThat(api.get("/api/v1/users/alice").status()).isEqualTo(404);
    assertThat(api.send("DELETE", "/api/v1/users/alice", null).status()).isEqualTo(404);
  }

  @Test
  void patch_removingTheLastAttribute_isRefused_becauseTheStoreWouldKeepIt() {
    api.send("PUT", "/api/v1/users/carol", "{\"attributes\": {\"plan\": \"pro\"}}");
    Reply r = api.send("PATCH", "/api/v1/users/carol", "{\"attributes\": {\"plan\": null}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("field").asText()).isEqualTo("attributes");
    assertThat(api.get("/api/v1/users/carol").json().at("/attributes/plan").asText()).isEqualTo("pro");
  }

  @Test
  void concurrentEventBatches_areAllStored_withoutErrors() throws Exception {
    int clients = 8;
    int batches = 3;
    List<java.util.concurrent.Future<Reply>> replies = new ArrayList<>();
    try (var exec = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        for (int b = 0; b < batches; b++) {
          List<String> events = new ArrayList<>();
          for (int e = 0; e < 20; e++) {
            events.add("{\"eventId\": \"c" + c + "-b" + b + "-e" + e + "\", \"userId\": \"cc" + c
                + "\", \"itemId\": \"i" + (1 + e % 5) + "\", \"type\": \"view\"}");
          }
          String body = "[" + String.join(",", events) + "]";
          replies.add(exec.submit(() -> api.send("POST", "/api/v1/events", body)));
        }
      }
    }
    long stored = 0;
    for (var f : replies) {
      Reply r = f.get();
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      stored += r.json().get("stored").asLong();
    }
    assertThat(stored).isEqualTo(clients * batches * 20L);
    assertThat(api.get("/api/v1/users/cc3/events?limit=1000").json().get("events")).hasSize(60);
  }

  @Test
  void users_batch_isAllOrNothing() {
    Reply bad = api.send("POST", "/api/v1/users",
        "[{\"id\": \"b1\"}, {\"id\": \"\"}, {\"id\": \"b3\", \"attributes\": 7}]");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").findValuesAsText("index")).containsExactly("1", "2");
    assertThat(api.get("/api/v1/users/b1").status()).isEqualTo(404);

    Reply ok = api.send("POST", "/api/v1/users", "[{\"id\": \"b1\"}, {\"id\": \"b2\"}]");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("stored").asInt()).isEqualTo(2);
    assertThat(api.get("/api/v1/users/b2").status()).isEqualTo(200);
  }

  @Test
  void put_withIdDifferentFromThePath_is400() {
    Reply r = api.send("PUT", "/api/v1/users/alice", "{\"id\": \"bob\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("field").asText()).isEqualTo("id");
  }

  // Items ---------------------------------------------------------------------------------------

  @Test
  void items_putGetPatch() {
    Reply put = api.send("PUT", "/api/v1/items/book-1", "{\"categories\": [\"books\", \"sf\"],"
        + " \"title\": \"Dune\", \"price\": 9.5, \"created\": \"2024-01-01T00:00:00+02:00\"}");
    assertThat(put.status()).isEqualTo(200);
    Reply got = api.get("/api/v1/items/book-1");
    assertThat(got.json().get("title").asText()).isEqualTo("Dune");
    assertThat(got.json().get("created").asText()).isEqualTo("2023-12-31T22:00:00Z");
    assertThat(got.json().get("hidden").asBoolean()).isFalse();

    Reply patched = api.send("PATCH", "/api/v1/items/book-1", "{\"hidden\": true}");
    assertThat(patched.status()).isEqualTo(200);
    Reply after = api.get("/api/v1/items/book-1");
    assertThat(after.json().get("hidden").asBoolean()).isTrue();
    assertThat(after.json().get("title").asText()).isEqualTo("Dune");
    assertThat(api.send("PATCH", "/api/v1/items/nope", "{\"hidden\": true}").status()).isEqualTo(404);
  }

  @Test
  void items_batch() {
    Reply r = api.send("POST", "/api/v1/items", "[{\"id\": \"x1\"}, {\"id\": \"x2\", \"hidden\": true}]");
    assertThat(r.status()).isEqualTo(200);
    assertThat(api.get("/api/v1/items/x2").json().get("hidden").asBoolean()).isTrue();
  }

  // Events --------------------------------------------------------------------------------------

  @Test
  void events_partlyInvalidBatch_is202_storesTheValidOnes_andListsTheBadIndexes() {
    Reply r = api.send("POST", "/api/v1/events", """
        [
          {"userId": "u9", "itemId": "i1", "type": "view", "time": "2024-03-01T10:00:00Z"},
          {"userId": "u9", "itemId": "i2", "type": "teleport", "time": "2024-03-01T10:00:00Z"},
          {"userId": "u9", "itemId": "i3", "type": "view", "time": "2024-13-01"},
          {"userId": "u9", "itemId": "i4", "type": "purchase", "value": 2, "time": "2024-03-01T11:00:00+01:00"},
          {"userId": 17, "itemId": "i4", "type": "view"},
          {"userId": "u9", "type": "view", "time": "2024-03-01T10:00:00Z"}
        ]""");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("received").asInt()).isEqualTo(6);
    assertThat(r.json().get("stored").asInt()).isEqualTo(2);
    assertThat(r.json().get("rejected").asInt()).isEqualTo(4);
    JsonNode errors = r.json().get("errors");
    assertThat(errors.findValuesAsText("index")).containsExactly("1", "2", "4", "5");
    assertThat(errors.findValuesAsText("field")).containsExactly("type", "time", "userId", "itemId");
    assertThat(errors.get(1).get("error").asText()).contains("2024-13-01", "2024-01-01T10:00:00Z");
    assertThat(api.get("/api/v1/users/u9/events").json().get("events")).hasSize(2);
  }

  @Test
  void events_allInvalid_is400() {
    Reply r = api.send("POST", "/api/v1/events", "[{\"userId\": \"u1\", \"type\": \"nope\"}]");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("invalid");
    assertThat(r.json().get("field").asText()).isEqualTo("type");
  }

  @Test
  void events_resentWithTheSameEventId_areStoredOnce() {
    String batch = "[{\"eventId\": \"e-1\", \"userId\": \"u7\", \"itemId\": \"i1\", \"type\": \"click\"},"
        + " {\"eventId\": \"e-2\", \"userId\": \"u7\", \"itemId\": \"i2\", \"type\": \"click\"}]";
    Reply first = api.send("POST", "/api/v1/events", batch);
    Reply again = api.send("POST", "/api/v1/events", batch);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("stored").asInt()).isEqualTo(2);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("stored").asInt()).isZero();
    assertThat(again.json().get("duplicates").asInt()).isEqualTo(2);
    assertThat(api.get("/api/v1/users/u7/events").json().get("events")).hasSize(2);
  }

  @Test
  void userEvents_areMostRecentFirst_andLimited() {
    Reply r = api.get("/api/v1/users/u4/events?limit=2");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("events").findValuesAsText("itemId")).containsExactly("i4", "i3");
    assertThat(api.get("/api/v1/users/u4/events?limit=0").status()).isEqualTo(400);
    assertThat(api.get("/api/v1/users/nobody/events").status()).isEqualTo(404);
  }

  @Test
  void oversizedBatch_is413() {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      events.add("{\"userId\": \"u1\", \"itemId\": \"i1\", \"type\": \"view\"}");
    }
    Reply r = api.send("POST", "/api/v1/events", "[" + String.join(",", events) + "]");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("error").asText()).isEqualTo("too_large");
  }

  @Test
  void oversizedBody_is413() {
    String big = "{\"id\": \"x\", \"attributes\": {\"blob\": \"" + "a".repeat(9 << 20) + "\"}}";
    Reply r = api.send("PUT", "/api/v1/users/x", big);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("detail").asText()).contains("maxBodyBytes");
  }

  @Test
  void malformedJson_wrongTypes_unknownFields_badIds_are400WithJson() {
    Reply malformed = api.send("POST", "/api/v1/events", "{\"userId\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("detail").asText()).startsWith("malformed JSON");

    Reply wrongType = api.send("PUT", "/api/v1/items/i9", "{\"price\": \"cheap\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("field").asText()).isEqualTo("price");

    Reply unknown = api.send("PUT", "/api/v1/items/i9", "{\"titel\": \"typo\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("field").asText()).isEqualTo("titel");

    Reply badId = api.send("GET", "/api/v1/users/%20padded", null);
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.json().get("detail").asText()).contains("white space");

    Reply empty = api.send("PUT", "/api/v1/users/x", "");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(api.get("/api/v1/nothing-here").status()).isEqualTo(404);
  }

  // Recommendations -----------------------------------------------------------------------------

  @Test
  void recommend_unknownUser_getsPopularItems_with200() {
    Reply r = api.get("/api/v1/recommend/stranger?n=3");
    assertThat(r.status()).isEqualTo(200);
    // The retention stage's new-user policy (breadth): books' i4 moves up past toys' i3.
    assertThat(ServerFixture.itemIds(r)).containsExactly("i1", "i2", "i4");
    assertThat(r.json().get("model").asText()).isEqualTo("pop");
    assertThat(r.json().get("fallback").asBoolean()).isTrue();
    assertThat(r.json().get("stage").asText()).isEqualTo("new");
    assertThat(r.json().at("/items/0/reasons/0").asText()).isEqualTo("popular this week in toys");
    assertThat(r.json().at("/items/0/sources/0").asText()).isEqualTo("trending");
  }

  @Test
  void recommend_excludesConsumed_hidden_andExcludedItems() {
    assertThat(ServerFixture.itemIds(api.get("/api/v1/recommend/u2?n=10")))
        .containsExactlyInAnyOrder("i3", "i4", "i5");
    api.send("PATCH", "/api/v1/items/i3", "{\"hidden\": true}");
    assertThat(ServerFixture.itemIds(api.get("/api/v1/recommend/u2?n=10")))
        .containsExactlyInAnyOrder("i4", "i5");
    assertThat(ServerFixture.itemIds(api.get("/api/v1/recommend/u2?n=10&exclude=i5,zz")))
        .containsExactly("i4");
    api.send("PATCH", "/api/v1/items/i3", "{\"hidden\": false}");
    assertThat(ServerFixture.itemIds(api.get("/api/v1/recommend/u2?n=10")))
        .containsExactlyInAnyOrder("i3", "i4", "i5");
  }

  @Test
  void recommend_anEventChangesTheNextResponse() {
    assertThat(ServerFixture.itemIds(api.get("/api/v1/recommend/u1?n=1"))).containsExactly("i2");
    Reply ingest = api.send("POST", "/api/v1/events",
        "{\"userId\": \"u1\", \"itemId\": \"i2\", \"type\": \"purchase\", \"time\": \"2024-05-01T10:00:00Z\"}");
    assertThat(ingest.status()).isEqualTo(200);
    assertThat(ServerFixture.itemIds(api.get("/api/v1/recommend/u1?n=1"))).containsExactly("i3");
    // an impression weighs nothing: the item is not consumed
    api.send("POST", "/api/v1/events", "{\"userId\": \"u1\", \"itemId\": \"i3\", \"type\": \"impression\"}");
    assertThat(ServerFixture.itemIds(api.get("/api/v1/recommend/u1?n=1"))).containsExactly("i3");
  }

  @Test
  void recommend_pagesNeverRepeatAnItem() {
    Set<String> seen = new HashSet<>();
    List<String> all = new ArrayList<>();
    for (int offset = 0; offset < 6; offset += 2) {
      List<String> page = ServerFixture.itemIds(api.get("/api/v1/recommend/stranger?n=2&offset=" + offset));
      for (String id : page) {
        assertThat(seen.add(id)).as("item %s repeated at offset %d", id, offset).isTrue();
      }
      all.addAll(page);
    }
    assertThat(all).containsExactly("i1", "i2", "i4", "i3", "i5");
  }

  @Test
  void recommend_category_restrictsToThatCategory() {
    assertThat(ServerFixture.itemIds(api.get("/api/v1/recommend/stranger?category=books")))
        .containsExactly("i4");
    assertThat(ServerFixture.itemIds(api.get("/api/v1/recommend/stranger?category=none"))).isEmpty();
  }

  @Test
  void recommend_badParameters_are400() {
    assertThat(api.get("/api/v1/recommend/u1?n=0").json().get("field").asText()).isEqualTo("n");
    assertThat(api.get("/api/v1/recommend/u1?n=abc").status()).isEqualTo(400);
    assertThat(api.get("/api/v1/recommend/u1?offset=-1").status()).isEqualTo(400);
  }

  @Test
  void adminTrain_swapsInANewModelVersion_thatSeesNewEvents() {
    assertThat(api.get("/api/v1/recommend/stranger").json().get("modelVersion").asInt()).isEqualTo(1);
    StringBuilder batch = new StringBuilder("[");
    for (int u = 0; u < 6; u++) {
      batch.append(u == 0 ? "" : ",").append("{\"userId\": \"n").append(u)
          .append("\", \"itemId\": \"i5\", \"type\": \"like\", \"time\": \"2024-06-01T10:00:00Z\"}");
    }
    api.send("POST", "/api/v1/events", batch.append("]").toString());
    Reply train = api.send("POST", "/api/v1/admin/train", null);
    assertThat(train.status()).isEqualTo(200);
    assertThat(train.json().get("version").asInt()).isEqualTo(2);
    Reply r = api.get("/api/v1/recommend/stranger?n=1");
    assertThat(r.json().get("modelVersion").asInt()).isEqualTo(2);
    assertThat(ServerFixture.itemIds(r)).containsExactly("i5");
    // n0 liked i5: still excluded after the retraining dropped the recent-items memory
    assertThat(ServerFixture.itemIds(api.get("/api/v1/recommend/n0?n=10"))).doesNotContain("i5");
  }

  // Health, metrics -----------------------------------------------------------------------------

  @Test
  void health_andMetrics() {
    assertThat(api.get("/health/live").status()).isEqualTo(200);
    Reply ready = api.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("model").asText()).isEqualTo("ials v1");
    assertThat(ready.json().get("chain").findValuesAsText("model"))
        .containsExactly("ials", "itemknn", "pop");
    assertThat(ready.json().get("chain").findValuesAsText("status"))
        .containsExactly("ready", "ready", "ready");
    assertThat(ready.json().get("fallback").asBoolean()).isFalse();
    api.get("/api/v1/recommend/u1");
    api.send("POST", "/api/v1/events", "{\"userId\": \"u1\", \"itemId\": \"i5\", \"type\": \"view\"}");
    Reply metrics = api.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
    assertThat(metrics.text())
        .contains("longview_http_requests_total{route=\"/api/v1/recommend/{userId}\",method=\"GET\",status=\"200\"} 1")
        .contains("longview_http_request_duration_seconds_bucket{route=\"/api/v1/recommend/{userId}\",method=\"GET\",status=\"200\",le=\"+Inf\"} 1")
        .contains("longview_events_ingested_total 1")
        .contains("longview_model_version 1")
        .contains("longview_model_age_seconds ");
  }
}
