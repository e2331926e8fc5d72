package dev.longview.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.core.Ids;
import dev.longview.pipeline.RecommendRequest;
import dev.longview.pipeline.Recommendation;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recommendation routes, all through the same pipeline:
 * {@code GET /api/v1/recommend/{userId}?n=&offset=&category=&exclude=a,b&explain=},
 * {@code POST /api/v1/recommend} with a context body, and
 * {@code GET /api/v1/items/{id}/similar?n=}. An unknown user gets trending items (200, never an
 * error).
 */
final class RecommendEndpoint {
  static final int MAX_N = 1_000;
  static final int MAX_OFFSET = 10_000;
  static final int MAX_SESSION_ITEMS = 100;
  static final Set<String> BODY_FIELDS = Set.of("userId", "n", "offset", "category", "exclude",
      "explain", "context");
  static final Set<String> CONTEXT_FIELDS = Set.of("sessionItems", "query", "device", "time");

  private final Recommender recommender;
  private final ServerConfig config;

  RecommendEndpoint(Recommender recommender, ServerConfig config) {
    this.recommender = recommender;
    this.config = config;
  }

  /** GET /api/v1/recommend/{userId}. */
  void get(ServerRequest req, ServerResponse res) {
    String userId = Requests.id(req, "userId");
    int n = Requests.intParam(req, "n", 10, 1, MAX_N);
    int offset = Requests.intParam(req, "offset", 0, 0, MAX_OFFSET);
    String category = Requests.text(req, "category");
    Set<String> exclude = new LinkedHashSet<>();
    String excludeText = Requests.text(req, "exclude");
    if (excludeText != null) {
      for (String id : excludeText.split(",")) {
        if (!id.isBlank()) {
          exclude.add(id.trim());
        }
      }
    }
    boolean explain = explainParam(req);
    send(res, userId, recommender.recommend(new RecommendRequest(userId, n, offset, category,
        exclude, null, null, null, null, explain)));
  }

  private static boolean explainParam(ServerRequest req) {
    String text = Requests.text(req, "explain");
    if (text == null || text.equals("true") || text.equals("1")) {
      return true;
    }
    if (text.equals("false") || text.equals("0")) {
      return false;
    }
    throw ApiException.badRequest("explain", "explain \"" + text + "\" must be true or false");
  }

  /**
   * POST /api/v1/recommend: {@code {"userId", "n", "offset", "category", "exclude": [ids],
   * "explain", "context": {"sessionItems": [ids], "query", "device", "time"}}}. Session items
   * are used as the newest items for item recall and are excluded from the answer.
   */
  void post(ServerRequest req, ServerResponse res) {
    JsonNode body = Json.read(req, config.maxBodyBytes());
    Problems p = new Problems(null);
    if (!Payloads.object(body, p)) {
      p.throwIfAny();
    }
    Payloads.unknownFields(body, BODY_FIELDS, "", p);
    String userId = Payloads.id(body, "userId", null, p);
    int n = integer(body, "n", 10, 1, MAX_N, p);
    int offset = integer(body, "offset", 0, 0, MAX_OFFSET, p);
    String category = Payloads.optionalText(body, "category", p);
    List<String> exclude = ids(body, "exclude", "", MAX_N, p);
    boolean explain = !body.has("explain") || body.get("explain").isNull()
        || Payloads.bool(body, "explain", p);
    List<RecommendRequest.RecentItem> session = new ArrayList<>();
    String query = null;
    String device = null;
    OffsetDateTime time = null;
    JsonNode ctx = body.get("context");
    if (ctx != null && !ctx.isNull()) {
      if (!ctx.isObject()) {
        p.add("context", "context must be an object {sessionItems, query, device, time}, got "
            + Payloads.kind(ctx));
      } else {
        Payloads.unknownFields(ctx, CONTEXT_FIELDS, "context.", p);
        for (String id : ids(ctx, "sessionItems", "context.", MAX_SESSION_ITEMS, p)) {
          session.add(new RecommendRequest.RecentItem(id, "session"));
        }
        Problems inner = new Problems(null);
        query = Payloads.optionalText(ctx, "query", inner);
        device = Payloads.optionalText(ctx, "device", inner);
        time = Payloads.time(ctx, "time", false, inner);
        for (ApiException.FieldError e : inner.errors()) {
          p.add("context." + e.field(), e.error());
        }
      }
    }
    p.throwIfAny();
    send(res, userId, recommender.recommend(new RecommendRequest(userId, n, offset, category,
        new LinkedHashSet<>(exclude), session, query, device,
        time == null ? null : time.toInstant(), explain)));
  }

  /** GET /api/v1/items/{id}/similar?n=. */
  void similar(ServerRequest req, ServerResponse res) {
    String itemId = Requests.id(req, "id");
    int n = Requests.intParam(req, "n", 10, 1, MAX_N);
    Recommender.Page page = recommender.similar(itemId, n);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("itemId", itemId);
    o.put("items", items(page.result()));
    o.put("model", page.result().model());
    o.put("modelVersion", page.bundle().version());
    Json.send(res, 200, o);
  }

  private static void send(ServerResponse res, String userId, Recommender.Page page) {
    Json.sendBytes(res, 200, json(userId, page.result(), page.bundle().version()));
  }

  /**
   * The response body {@code {"userId", "items": [{"itemId", "score", "reasons", "sources"}],
   * "model", "fallback", "modelVersion", "stage"}}, written straight to a JSON generator (the hot
   * path: no map per item for the object mapper to walk).
   */
  static byte[] json(String userId, Recommendation r, long modelVersion) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256 + 160 * r.items()
        .size());
    try (com.fasterxml.jackson.core.JsonGenerator g = Json.MAPPER.getFactory()
        .createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("userId", userId);
      g.writeArrayFieldStart("items");
      for (Recommendation.Item s : r.items()) {
        g.writeStartObject();
        g.writeStringField("itemId", s.itemId());
        g.writeNumberField("score", s.score());
        g.writeArrayFieldStart("reasons");
        for (String reason : s.reasons()) {
          g.writeString(reason);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("sources");
        for (String source : s.sources()) {
          g.writeString(source);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("model", r.model());
      g.writeBooleanField("fallback", r.fallback());
      g.writeNumberField("modelVersion", modelVersion);
      g.writeStringField("stage", r.stage());
      g.writeEndObject();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write a recommendation as JSON", e);
    }
    return out.toByteArray();
  }

  private static List<Map<String, Object>> items(Recommendation r) {
    List<Map<String, Object>> items = new ArrayList<>(r.items().size());
    for (Recommendation.Item s : r.items()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("itemId", s.itemId());
      o.put("score", s.score());
      o.put("reasons", s.reasons());
      o.put("sources", s.sources());
      items.add(o);
    }
    return items;
  }

  private static int integer(JsonNode node, String field, int fallback, int min, int max,
      Problems p) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      p.add(field, field + " must be an integer, got " + Payloads.kind(v));
      return fallback;
    }
    int x = v.intValue();
    if (x < min || x > max) {
      p.add(field, field + " was " + x + "; use " + min + ".." + max);
      return fallback;
    }
    return x;
  }

  private static List<String> ids(JsonNode node, String field, String prefix, int max,
      Problems p) {
    JsonNode v = node.get(field);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      p.add(prefix + field, prefix + field + " must be an array of item ids, got "
          + Payloads.kind(v));
      return out;
    }
    if (v.size() > max) {
      p.add(prefix + field, prefix + field + " has " + v.size() + " ids; send at most " + max);
      return out;
    }
    for (int k = 0; k < v.size(); k++) {
      JsonNode e = v.get(k);
      String problem = e.isTextual() ? Ids.problem(e.asText()) : "must be a string, got "
          + Payloads.kind(e);
      if (problem != null) {
        p.add(prefix + field + "[" + k + "]", prefix + field + "[" + k + "] " + problem);
      } else {
        out.add(e.asText());
      }
    }
    return out;
  }
}
