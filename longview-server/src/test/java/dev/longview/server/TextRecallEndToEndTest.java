package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.core.Event;
import dev.longview.core.Item;
import dev.longview.server.ServerFixture.Reply;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text recall through the real server: a query in POST /api/v1/recommend finds the items whose
 * titles match, including one nobody has interacted with and one created through the API (after
 * the retraining that sees it); the ONNX encoder is refused where nobody can open it.
 */
class TextRecallEndToEndTest {
  @TempDir Path dir;
  ServerFixture api;

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  static void store(StoreWriter w) {
    String[] titles = {"Wooden train set", "Wooden building blocks", "Plush teddy bear",
        "Toy kitchen with pots", "Board game for families"};
    for (int i = 0; i < titles.length; i++) {
      w.putItem(new Item("t" + i, List.of("toys"), titles[i], null, 10.0, Map.of(), null, false));
    }
    // Nobody has touched this one.
    w.putItem(new Item("b1", List.of("books"), "Dinosaur encyclopedia for children", null, 20.0,
        Map.of(), null, false));
    for (int u = 0; u < 6; u++) {
      for (int i = 0; i <= u % 5; i++) {
        w.addEvent(Event.of("u" + u, "t" + i, "view", ServerFixture.T0.plusMinutes(10L * u + i)));
      }
    }
  }

  private static JsonNode first(Reply r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("items").size()).as(r.text()).isGreaterThan(0);
    return r.json().get("items").get(0);
  }

  @Test
  void queryInPostRecommend_findsTheMatchingItem_evenWithoutInteractions_andAfterAnApiUpsert() {
    api = ServerFixture.start(dir, ServerConfig.defaults(), TextRecallEndToEndTest::store);
    JsonNode top = first(api.send("POST", "/api/v1/recommend",
        "{\"userId\": \"visitor\", \"n\": 3, \"context\": {\"query\": \"dinosaurs\"}}"));
    assertThat(top.get("itemId").asText()).isEqualTo("b1");
    assertThat(top.get("sources").toString()).contains("query");
    assertThat(top.get("reasons").get(0).asText()).isEqualTo("matches your search \"dinosaurs\"");

    // A new item through the API: searchable by text once a training has seen it.
    Reply put = api.send("PUT", "/api/v1/items/r1",
        "{\"categories\": [\"toys\"], \"title\": \"Robot construction kit\"}");
    assertThat(put.status()).as(put.text()).isBetween(200, 201);
    assertThat(api.send("POST", "/api/v1/admin/train", null).status()).isEqualTo(200);
    JsonNode robot = first(api.send("POST", "/api/v1/recommend",
        "{\"userId\": \"u3\", \"n\": 3, \"context\": {\"query\": \"robots\"}}"));
    assertThat(robot.get("itemId").asText()).isEqualTo("r1");
    assertThat(robot.get("reasons").toString()).contains("matches your search \\\"robots\\\"");
  }

  @Test
  void onnxEncoder_isRefusedClearly_whenTheServerCannotOpenIt() {
    assertThatThrownBy(() -> ServerConfig.parse("{\"textEncoder\": \"bert\"}"))
        .hasMessageContaining("textEncoder \"bert\"").hasMessageContaining("tfidf");
    ServerConfig onnx = ServerConfig.parse("{\"textEncoder\": \"onnx:/models/minilm\"}");
    assertThat(onnx.onnxTextEncoder()).isEqualTo(Path.of("/models/minilm"));
    EventStore store = EventStore.open(dir.resolve("onnx.db").toString());
    try {
      assertThatThrownBy(() -> LongviewServer.start(store, onnx.withPort(0)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longview serve");
    } finally {
      store.close();
    }
  }
}
