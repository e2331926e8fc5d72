package dev.longview.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.core.Item;
import dev.longview.store.EventStore;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;

/**
 * Handlers of {@code /api/v1/items}: one method per route. There is no DELETE: the store keeps
 * items (their events count for other users); hide an item instead ({@code PATCH {"hidden": true}}).
 */
final class ItemEndpoints {
  private final EventStore store;
  private final StoreWrites writes;
  private final Recommender recommender;
  private final ServerConfig config;

  ItemEndpoints(EventStore store, StoreWrites writes, Recommender recommender, ServerConfig config) {
    this.store = store;
    this.writes = writes;
    this.recommender = recommender;
    this.config = config;
  }

  /** PUT /api/v1/items/{id}: creates or replaces the catalogue record. */
  void put(ServerRequest req, ServerResponse res) {
    String id = Requests.id(req, "id");
    Problems p = new Problems(null);
    Item item = Payloads.item(Json.read(req, config.maxBodyBytes()), id, p);
    p.throwIfAny();
    writes.write(w -> w.putItem(item));
    recommender.itemStored(id, item.hidden());
    Json.send(res, 200, Payloads.json(item));
  }

  /** POST /api/v1/items: an array of items, stored together when every one is valid. */
  void postBatch(ServerRequest req, ServerResponse res) {
    List<Item> items = Batches.readAll(Json.read(req, config.maxBodyBytes()),
        config.maxBatchSize(), "items", (node, p) -> Payloads.item(node, null, p));
    writes.write(w -> items.forEach(w::putItem));
    items.forEach(i -> recommender.itemStored(i.id(), i.hidden()));
    Json.send(res, 200, Map.of("stored", items.size()));
  }

  /** GET /api/v1/items/{id}. */
  void get(ServerRequest req, ServerResponse res) {
    String id = Requests.id(req, "id");
    Item item = store.item(id).orElseThrow(() -> ApiException.notFound("no item \"" + id + "\""));
    Json.send(res, 200, Payloads.json(item));
  }

  /** PATCH /api/v1/items/{id}: given fields replace, attributes merge, e.g. {"hidden": true}. */
  void patch(ServerRequest req, ServerResponse res) {
    String id = Requests.id(req, "id");
    JsonNode body = Json.read(req, config.maxBodyBytes());
    Item patched = writes.exclusive(() -> {
      Item item = store.item(id).orElseThrow(() -> ApiException.notFound("no item \"" + id + "\""));
      Problems p = new Problems(null);
      Item i = Payloads.patchItem(item, body, p);
      p.throwIfAny();
      writes.write(w -> w.putItem(i));
      recommender.itemStored(id, i.hidden());
      return i;
    });
    Json.send(res, 200, Payloads.json(patched));
  }
}
