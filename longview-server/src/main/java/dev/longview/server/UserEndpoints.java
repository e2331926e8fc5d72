package dev.longview.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.core.Event;
import dev.longview.core.User;
import dev.longview.store.EventStore;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Handlers of {@code /api/v1/users}: one method per route. */
final class UserEndpoints {
  static final int DEFAULT_EVENT_LIMIT = 100;
  static final int MAX_EVENT_LIMIT = 10_000;

  private final EventStore store;
  private final StoreWrites writes;
  private final Recommender recommender;
  private final ServerConfig config;

  UserEndpoints(EventStore store, StoreWrites writes, Recommender recommender, ServerConfig config) {
    this.store = store;
    this.writes = writes;
    this.recommender = recommender;
    this.config = config;
  }

  /** PUT /api/v1/users/{id}: creates or replaces the user's attributes. */
  void put(ServerRequest req, ServerResponse res) {
    String id = Requests.id(req, "id");
    Problems p = new Problems(null);
    User user = Payloads.user(Json.read(req, config.maxBodyBytes()), id, p);
    p.throwIfAny();
    writes.write(w -> w.putUser(user));
    Json.send(res, 200, Payloads.json(store.user(id).orElse(user)));
  }

  /** POST /api/v1/users: an array of users, stored together when every one is valid. */
  void postBatch(ServerRequest req, ServerResponse res) {
    List<User> users = Batches.readAll(Json.read(req, config.maxBodyBytes()),
        config.maxBatchSize(), "users", (node, p) -> Payloads.user(node, null, p));
    writes.write(w -> users.forEach(w::putUser));
    Json.send(res, 200, Map.of("stored", users.size()));
  }

  /** GET /api/v1/users/{id}. */
  void get(ServerRequest req, ServerResponse res) {
    String id = Requests.id(req, "id");
    User user = store.user(id).orElseThrow(() -> ApiException.notFound("no user \"" + id + "\""));
    Json.send(res, 200, Payloads.json(user));
  }

  /** PATCH /api/v1/users/{id}: merges attributes (a null value removes one). */
  void patch(ServerRequest req, ServerResponse res) {
    String id = Requests.id(req, "id");
    JsonNode body = Json.read(req, config.maxBodyBytes());
    User patched = writes.exclusive(() -> {
      User user = store.user(id).orElseThrow(() -> ApiException.notFound("no user \"" + id + "\""));
      Problems p = new Problems(null);
      User u = Payloads.patchUser(user, body, p);
      p.throwIfAny();
      writes.write(w -> w.putUser(u));
      return u;
    });
    Json.send(res, 200, Payloads.json(store.user(id).orElse(patched)));
  }

  /** DELETE /api/v1/users/{id}: the user and all of their events. */
  void delete(ServerRequest req, ServerResponse res) {
    String id = Requests.id(req, "id");
    long deleted = writes.exclusive(() -> store.deleteUser(id));
    if (deleted < 0) {
      throw ApiException.notFound("no user \"" + id + "\"");
    }
    recommender.recent().forgetUser(id);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("userId", id);
    o.put("eventsDeleted", deleted);
    Json.send(res, 200, o);
  }

  /** GET /api/v1/users/{id}/events?limit=: the latest events, most recent first. */
  void events(ServerRequest req, ServerResponse res) {
    String id = Requests.id(req, "id");
    int limit = Requests.intParam(req, "limit", DEFAULT_EVENT_LIMIT, 1, MAX_EVENT_LIMIT);
    if (store.user(id).isEmpty()) {
      throw ApiException.notFound("no user \"" + id + "\"");
    }
    ArrayDeque<Event> last = new ArrayDeque<>(limit);
    try (Stream<Event> events = store.eventsOfUser(id)) {
      for (Iterator<Event> it = events.iterator(); it.hasNext(); ) {
        if (last.size() == limit) {
          last.removeFirst();
        }
        last.addLast(it.next());
      }
    }
    List<Map<String, Object>> out = new ArrayList<>(last.size());
    for (Iterator<Event> it = last.descendingIterator(); it.hasNext(); ) {
      out.add(Payloads.json(it.next()));
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("userId", id);
    o.put("order", "most recent first");
    o.put("events", out);
    Json.send(res, 200, o);
  }
}
