package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.algorithms.Algorithms;
import dev.longview.algorithms.bundle.BundleManifest;
import dev.longview.algorithms.bundle.ModelBundles;
import dev.longview.core.Event;
import dev.longview.core.Item;
import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.pipeline.PipelineAlgorithms;
import dev.longview.rank.RankerModel;
import dev.longview.server.ServerFixture.Reply;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learned ranker served end to end: trained on the store's snapshot as {@code longview train
 * --model ranker} does, written as a versioned model bundle, read back and handed to the real
 * server, which ranks every request with it (the response names the model "ials+ranker") and
 * keeps it across a retraining.
 */
class RankerServingTest {
  @TempDir Path dir;

  /** 150 users in 3 taste groups over 3 categories of 15 items, one event an hour per user. */
  private static void plantedShop(StoreWriter w) {
    for (int i = 0; i < 45; i++) {
      w.putItem(new Item("i" + i, List.of("c" + (i / 15)), "Item " + i, null, 1.0 + i, Map.of(),
          null, false));
    }
    SplittableRandom r = new SplittableRandom(3);
    for (int u = 0; u < 150; u++) {
      java.time.OffsetDateTime t = ServerFixture.T0.plusSeconds(u * 60L);
      for (int i = 0; i < 45; i++) {
        if (r.nextDouble() < (i / 15 == u % 3 ? 0.45 : 0.02)) {
          w.addEvent(Event.of("u" + u, "i" + i, "view", t));
          t = t.plusSeconds(3600);
        }
      }
    }
  }

  @Test
  void aBundledRanker_ranksEveryRequest_andSurvivesRetraining() throws Exception {
    EventStore store = EventStore.open(dir.resolve("shop.db").toString());
    try (StoreWriter w = store.writer()) {
      plantedShop(w);
      w.commit();
    }
    // What `longview train --model ranker` does: train through the registry, write a bundle.
    PipelineAlgorithms.registerAll();
    InteractionSnapshot snapshot = store.snapshot();
    Map<String, String> params = Map.of("rounds", "30", "min_data_in_leaf", "10",
        "holdout", "0.2", "negatives", "20");
    Model trained = Algorithms.trainer("ranker", params, 7).train(snapshot);
    Path models = dir.resolve("models");
    BundleManifest written;
    try {
      written = ModelBundles.write(models, new BundleManifest("ranker", 0, "ranker", params, 7,
          Instant.now(), 1.0, ModelBundles.fingerprint(snapshot, "test"), null, null), trained,
          snapshot);
    } finally {
      ((AutoCloseable) trained).close();
    }
    assertThat(written.files()).contains(RankerModel.MODEL_FILE, RankerModel.META_FILE);
    Path version = ModelBundles.latest(models, "ranker").orElseThrow();

    try (RankerModel ranker = RankerModel.read(version)) {
      LongviewServer server = LongviewServer.start(store, ServerConfig.defaults().withPort(0),
          null, null, ranker);
      server.awaitModel(Duration.ofSeconds(60));
      try (ServerFixture api = new ServerFixture(store, server)) {
        for (int round = 0; round < 2; round++) {
          Reply r = api.get("/api/v1/recommend/u4?n=5");
          assertThat(r.status()).as(r.text()).isEqualTo(200);
          assertThat(r.json().get("model").asText()).isEqualTo("ials+ranker");
          assertThat(r.json().get("fallback").asBoolean()).isFalse();
          List<String> ids = ServerFixture.itemIds(r);
          assertThat(ids).hasSize(5);
          // u4 is in group 1 (items i15..i29): the ranked page leads with its taste (the serving
          // retention stage then mixes in other categories for diversity and exploration).
          assertThat(Integer.parseInt(ids.get(0).substring(1)) / 15).as("u4's page %s", ids)
              .isEqualTo(1);
          assertThat(ids.stream().filter(id -> Integer.parseInt(id.substring(1)) / 15 == 1)
              .count()).as("u4's page %s", ids).isGreaterThanOrEqualTo(2);
          for (JsonNode item : r.json().get("items")) {
            assertThat(item.get("reasons").size()).as(item.toString()).isPositive();
          }
          // An unknown user is ranked too (user features missing).
          Reply anon = api.get("/api/v1/recommend/nobody?n=3");
          assertThat(anon.status()).as(anon.text()).isEqualTo(200);
          assertThat(anon.json().get("items").size()).isEqualTo(3);
          assertThat(api.send("POST", "/api/v1/admin/train", null).status()).isEqualTo(200);
        }
      } // closes the server and the store, before the ranker
    }
  }

  @Test
  void withoutARanker_theServerBlends() throws Exception {
    EventStore store = EventStore.open(dir.resolve("plain.db").toString());
    try (StoreWriter w = store.writer()) {
      plantedShop(w);
      w.commit();
    }
    try (ServerFixture api = new ServerFixture(store, startPlain(store))) {
      Reply r = api.get("/api/v1/recommend/u4?n=5");
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(r.json().get("model").asText()).isEqualTo("ials");
    }
  }

  private static LongviewServer startPlain(EventStore store) throws InterruptedException {
    LongviewServer s = LongviewServer.start(store, ServerConfig.defaults().withPort(0));
    s.awaitModel(Duration.ofSeconds(60));
    return s;
  }
}
