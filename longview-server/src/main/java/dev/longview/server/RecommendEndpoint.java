package dev.longview.server;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/recommend/{userId}?n=&offset=&category=&exclude=a,b}. An unknown user gets
 * popular items (200, never an error).
 */
final class RecommendEndpoint {
  static final int MAX_N = 1_000;
  static final int MAX_OFFSET = 10_000;

  private final Recommender recommender;

  RecommendEndpoint(Recommender recommender) {
    this.recommender = recommender;
  }

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
    if (recommender.current() == null) {
      throw ApiException.unavailable("no model is loaded yet; the first training is running"
          + " (see /health/ready)");
    }
    Recommender.Page page = recommender.recommend(userId, n, offset, category, exclude);
    List<Map<String, Object>> items = new ArrayList<>(page.items().size());
    for (Recommender.Scored s : page.items()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("itemId", s.itemId());
      o.put("score", s.score());
      o.put("reasons", s.reasons());
      items.add(o);
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("userId", userId);
    o.put("items", items);
    o.put("model", page.bundle().modelName());
    o.put("modelVersion", page.bundle().version());
    o.put("stage", null);
    Json.send(res, 200, o);
  }
}
