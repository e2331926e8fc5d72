package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.core.model.SequenceModel;
import dev.longview.pipeline.SequenceSource;
import dev.longview.server.ServerFixture.Reply;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sequential model served through the real server: the {@code sequence} recall source answers
 * context requests with session items, and stays after a retraining swaps the model set.
 */
class SequenceServingTest {
  @TempDir Path dir;

  /** After anything, i5 is the likeliest next item, then i3; "gone" is not in the store. */
  record Fixed(List<String> ids) implements SequenceModel {
    @Override
    public int userCount() {
      return 0;
    }

    @Override
    public int itemCount() {
      return ids.size();
    }

    @Override
    public void score(int user, float[] scores) {
      throw new IllegalArgumentException("no users");
    }

    @Override
    public void scoreSequence(int[] recentItems, float[] scores) {
      for (int k = 0; k < ids.size(); k++) {
        scores[k] = switch (ids.get(k)) {
          case "i5" -> 2f;
          case "i3" -> 1f;
          case "gone" -> 100f;
          default -> 0f;
        };
      }
    }
  }

  private static JsonNode item(Reply r, String id) {
    for (JsonNode i : r.json().get("items")) {
      if (i.get("itemId").asText().equals(id)) {
        return i;
      }
    }
    return null;
  }

  @Test
  void sessionRequest_isServedBySequenceRecall_alsoAfterRetraining() throws Exception {
    EventStore store = EventStore.open(dir.resolve("test.db").toString());
    try (StoreWriter w = store.writer()) {
      ServerFixture.shop(w);
      w.commit();
    }
    List<String> ids = List.of("gone", "i3", "i5", "i1", "i2");
    LongviewServer server = LongviewServer.start(store, ServerConfig.defaults().withPort(0), null,
        new SequenceSource("fixed", new Fixed(ids), ids));
    server.awaitModel(Duration.ofSeconds(30));
    try (ServerFixture api = new ServerFixture(store, server)) {
      String body = """
          {"userId": "visitor", "n": 5, "context": {"sessionItems": ["i1", "i2"]}}""";
      for (int round = 0; round < 2; round++) {
        Reply r = api.send("POST", "/api/v1/recommend", body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode i5 = item(r, "i5");
        assertThat(i5).as("i5 in %s", r.text()).isNotNull();
        assertThat(i5.get("sources").toString()).contains("sequence");
        assertThat(i5.get("reasons").toString()).contains("often next after \\\"Item 2\\\" (i2)");
        assertThat(ServerFixture.itemIds(r)).doesNotContain("gone", "i1", "i2");
        // Without session items the sequence source stays silent.
        Reply plain = api.send("POST", "/api/v1/recommend", "{\"userId\": \"visitor\", \"n\": 5}");
        assertThat(plain.text()).doesNotContain("sequence");
        assertThat(api.send("POST", "/api/v1/admin/train", null).status()).isEqualTo(200);
      }
    }
  }

  @Test
  void aConfiguredSequenceModel_needsTheLoader() {
    EventStore store = EventStore.open(dir.resolve("other.db").toString());
    try {
      assertThatThrownBy(() -> LongviewServer.start(store,
          ServerConfig.parse("{\"port\": 0, \"sequenceModel\": \"models/sasrec\"}")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequenceModel");
      assertThat(ServerConfig.parse("{\"sequenceModel\": \"models/sasrec\"}").sequenceModel())
          .isEqualTo("models/sasrec");
      assertThatThrownBy(() -> ServerConfig.parse("{\"sequenceModel\": \" \"}"))
          .hasMessageContaining("sequenceModel is empty");
    } finally {
      store.close();
    }
  }
}
