package dev.longview.server;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/v1/admin}: retraining on demand. */
final class AdminEndpoints {
  private final Recommender recommender;

  AdminEndpoints(Recommender recommender) {
    this.recommender = recommender;
  }

  /** POST /api/v1/admin/train: trains from the store now and swaps the model in. */
  void train(ServerRequest req, ServerResponse res) {
    ModelBundle b;
    try {
      b = recommender.retrain();
    } catch (IllegalStateException e) {
      throw ApiException.conflict(e.getMessage());
    }
    Json.send(res, 200, describe(b));
  }

  static Map<String, Object> describe(ModelBundle b) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("model", b.modelName());
    o.put("version", b.version());
    o.put("trainedAt", b.trainedAt().toString());
    o.put("trainingSeconds", b.trainingSeconds());
    o.put("users", b.snapshot().userCount());
    o.put("items", b.snapshot().itemCount());
    o.put("interactions", b.snapshot().size());
    return o;
  }
}
