package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.core.model.Trainer;
import dev.longview.server.ServerFixture.Reply;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline through the real server on a random port over a real SQLite store: context
 * requests, similar items, new items, the fallback chain, and model swaps under load.
 */
class PipelineEndToEndTest {
  @TempDir Path dir;
  ServerFixture api;

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private void start() {
    api = ServerFixture.start(dir, ServerConfig.defaults(), ServerFixture::shop);
  }

  @Test
  void newItem_withoutInteractions_isRecommended_throughCategoryRecall() {
    start();
    // i5 (toys) has no interaction at all; u2 liked toys.
    Reply r = api.get("/api/v1/recommend/u2?n=10");
    JsonNode i5 = null;
    for (JsonNode item : r.json().get("items")) {
      if (item.get("itemId").asText().equals("i5")) {
        i5 = item;
      }
    }
    assertThat(i5).as("i5 in %s", r.text()).isNotNull();
    assertThat(i5.get("sources").toString()).contains("new-items");
    assertThat(i5.get("reasons").toString()).contains("new in a category you like: toys");
    assertThat(r.json().get("stage").asText()).isEqualTo("new");
  }

  @Test
  void itemAddedThroughTheApi_becomesRecommendable_afterTheCatalogueRefresh() throws Exception {
    api = ServerFixture.start(dir, ServerConfig.defaults().withCatalogueRefresh(
        Duration.ofSeconds(2)), ServerFixture::shop);
    long before = api.server.recommender().current().version();
    // u4 viewed i4, the only book; b9 is a new book nobody has seen.
    Reply put = api.send("PUT", "/api/v1/items/b9",
        "{\"categories\": [\"books\"], \"title\": \"A new book\"}");
    assertThat(put.status()).as(put.text()).isEqualTo(200);
    assertThat(api.server.recommender().current().version()).as("not retrained at once")
        .isEqualTo(before);
    JsonNode b9 = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (b9 == null && System.nanoTime() < deadline) {
      Thread.sleep(100);
      for (JsonNode item : api.get("/api/v1/recommend/u4?n=10").json().get("items")) {
        if (item.get("itemId").asText().equals("b9")) {
          b9 = item;
        }
      }
    }
    assertThat(b9).as("b9 recommended to u4 within 30 s").isNotNull();
    assertThat(b9.get("reasons").toString()).contains("new in a category you like: books");
    assertThat(api.server.recommender().current().version()).isGreaterThan(before);
    // A known item stored again (an update) does not retrain.
    long after = api.server.recommender().current().version();
    assertThat(api.send("PUT", "/api/v1/items/i1", "{\"categories\": [\"toys\"]}").status())
        .isEqualTo(200);
    Thread.sleep(2_500);
    assertThat(api.server.recommender().current().version()).isEqualTo(after);
  }

  @Test
  void catalogueRefreshOff_newItemsWaitForTheNextTraining() throws Exception {
    api = ServerFixture.start(dir, ServerConfig.defaults().withCatalogueRefresh(Duration.ZERO),
        ServerFixture::shop);
    long before = api.server.recommender().current().version();
    assertThat(api.send("PUT", "/api/v1/items/b9", "{\"categories\": [\"books\"]}").status())
        .isEqualTo(200);
    Thread.sleep(1_500);
    assertThat(api.server.recommender().current().version()).isEqualTo(before);
    assertThat(ServerFixture.itemIds(api.get("/api/v1/recommend/u4?n=10"))).doesNotContain("b9");
    assertThat(api.send("POST", "/api/v1/admin/train", null).status()).isEqualTo(200);
    assertThat(ServerFixture.itemIds(api.get("/api/v1/recommend/u4?n=10"))).contains("b9");
  }

  @Test
  void postRecommend_usesSessionItems_andNeverReturnsThem() {
    start();
    Reply plain = api.send("POST", "/api/v1/recommend", "{\"userId\": \"visitor\", \"n\": 3}");
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.json().get("model").asText()).isEqualTo("pop");
    Reply withSession = api.send("POST", "/api/v1/recommend", """
        {"userId": "visitor", "n": 5, "exclude": ["i4"],
         "context": {"sessionItems": ["i1", "i2"], "query": "wooden toys", "device": "phone",
                     "time": "2024-03-01T10:00:00Z"}}""");
    assertThat(withSession.status()).as(withSession.text()).isEqualTo(200);
    assertThat(ServerFixture.itemIds(withSession)).doesNotContain("i1", "i2", "i4").contains("i3");
    assertThat(withSession.json().get("model").asText()).isIn("ials", "itemknn");
    assertThat(withSession.json().get("items").toString()).contains("because you viewed");
  }

  @Test
  void postRecommend_badBodies_are400_namingTheField() {
    start();
    Reply notJson = api.send("POST", "/api/v1/recommend", "{\"userId\": ");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().get("error").asText()).isNotEmpty();
    Reply wrongType = api.send("POST", "/api/v1/recommend", "{\"userId\": \"u1\", \"n\": \"ten\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("field").asText()).isEqualTo("n");
    Reply badSession = api.send("POST", "/api/v1/recommend",
        "{\"userId\": \"u1\", \"context\": {\"sessionItems\": \"i1\"}}");
    assertThat(badSession.status()).isEqualTo(400);
    assertThat(badSession.json().get("field").asText()).isEqualTo("context.sessionItems");
    Reply unknown = api.send("POST", "/api/v1/recommend", "{\"userId\": \"u1\", \"colour\": 1}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("field").asText()).isEqualTo("colour");
    Reply missingUser = api.send("POST", "/api/v1/recommend", "{\"n\": 3}");
    assertThat(missingUser.status()).isEqualTo(400);
    assertThat(missingUser.json().get("field").asText()).isEqualTo("userId");
    StringBuilder many = new StringBuilder("{\"userId\": \"u1\", \"context\": {\"sessionItems\": [");
    for (int k = 0; k <= RecommendEndpoint.MAX_SESSION_ITEMS; k++) {
      many.append(k == 0 ? "" : ",").append("\"i").append(k).append('"');
    }
    Reply tooMany = api.send("POST", "/api/v1/recommend", many.append("]}}").toString());
    assertThat(tooMany.status()).isEqualTo(400);
  }

  @Test
  void similarItems_goThroughThePipeline_andUnknownItemsAre404() {
    start();
    Reply r = api.get("/api/v1/items/i1/similar?n=3");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(ServerFixture.itemIds(r)).hasSize(3).doesNotContain("i1");
    assertThat(api.get("/api/v1/items/nope/similar").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/items/i1/similar?n=0").status()).isEqualTo(400);
  }

  @Test
  void failedModel_fallsDownTheChain_inTheAnswer_andInReadiness() throws Exception {
    Trainer broken = s -> {
      throw new IllegalStateException("simulated training failure");
    };
    EventStore store = EventStore.open(dir.resolve("broken.db").toString());
    try (StoreWriter w = store.writer()) {
      ServerFixture.shop(w);
      w.commit();
    }
    try (LongviewServer server = LongviewServer.start(store,
        ServerConfig.defaults().withPort(0), Clock.systemUTC(), Map.of("ials", broken))) {
      server.awaitModel(Duration.ofSeconds(30));
      ServerFixture.Reply ready = new ServerFixture(store, server).get("/health/ready");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json().get("model").asText()).isEqualTo("itemknn v1");
      assertThat(ready.json().get("fallback").asBoolean()).isTrue();
      assertThat(ready.json().at("/chain/0/status").asText()).isEqualTo("failed");
      assertThat(ready.json().at("/chain/0/detail").asText()).contains("simulated training failure");
      Reply r = new ServerFixture(store, server).get("/api/v1/recommend/u2?n=2");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("model").asText()).isEqualTo("itemknn");
      assertThat(r.json().get("fallback").asBoolean()).isTrue();
    } finally {
      store.close();
    }
  }

  @Test
  void modelSwapsUnderLoad_failNoRequest() throws Exception {
    start();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    Map<Integer, Integer> failures = new ConcurrentHashMap<>();
    List<Future<?>> clients = new ArrayList<>();
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < 8; c++) {
        int client = c;
        clients.add(exec.submit(() -> {
          int k = 0;
          while (running.get()) {
            String user = (k++ % 3 == 0) ? "stranger-" + client : "u" + (1 + (k + client) % 4);
            Reply r = api.get("/api/v1/recommend/" + user + "?n=3");
            if (r.status() == 200) {
              ok.incrementAndGet();
            } else {
              failures.merge(r.status(), 1, Integer::sum);
            }
          }
          return null;
        }));
      }
      long firstVersion = api.get("/api/v1/recommend/u1").json().get("modelVersion").asLong();
      for (int swap = 0; swap < 4; swap++) {
        api.send("POST", "/api/v1/events", "{\"userId\": \"n" + swap
            + "\", \"itemId\": \"i5\", \"type\": \"view\", \"time\": \"2024-06-01T10:00:00Z\"}");
        Reply train = api.send("POST", "/api/v1/admin/train", null);
        assertThat(train.status()).as(train.text()).isEqualTo(200);
      }
      Thread.sleep(200);
      running.set(false);
      for (Future<?> f : clients) {
        f.get();
      }
      assertThat(api.get("/api/v1/recommend/u1").json().get("modelVersion").asLong())
          .isEqualTo(firstVersion + 4);
    }
    assertThat(failures).as("non-200 answers during the swaps").isEmpty();
    assertThat(ok.get()).isGreaterThan(50);
  }

  @Test
  void pagesOfAKnownUser_neverRepeat() {
    start();
    Set<String> seen = new java.util.HashSet<>();
    for (int offset = 0; offset < 4; offset++) {
      for (String id : ServerFixture.itemIds(api.get("/api/v1/recommend/u1?n=1&offset=" + offset))) {
        assertThat(seen.add(id)).as("item %s repeated at offset %d", id, offset).isTrue();
      }
    }
    assertThat(seen).hasSize(4).doesNotContain("i1");
  }
}
