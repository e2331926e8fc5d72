package dev.longview.server;

import dev.longview.store.EventStore;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Open routes: liveness, readiness, Prometheus metrics and the OpenAPI document. */
final class HealthEndpoints {
  static final String OPENAPI_RESOURCE = "openapi.yaml";

  private final EventStore store;
  private final Recommender recommender;
  private final Metrics metrics;
  private final byte[] openapi;

  HealthEndpoints(EventStore store, Recommender recommender, Metrics metrics) {
    this.store = store;
    this.recommender = recommender;
    this.metrics = metrics;
    this.openapi = openapiDocument().getBytes(StandardCharsets.UTF_8);
  }

  /** GET /health/live: the process answers. */
  void live(ServerRequest req, ServerResponse res) {
    Json.send(res, 200, Map.of("status", "UP"));
  }

  /** GET /health/ready: the store answers a query and a model is loaded; 503 with why not. */
  void ready(ServerRequest req, ServerResponse res) {
    Map<String, Object> o = new LinkedHashMap<>();
    String reason = null;
    try {
      store.ping();
      o.put("store", "UP");
    } catch (RuntimeException e) {
      o.put("store", "DOWN");
      reason = "the store does not answer: " + e.getMessage();
    }
    ModelBundle b = recommender.current();
    o.put("model", b == null ? "NOT_LOADED" : b.modelName() + " v" + b.version());
    if (b != null) {
      // The fallback chain: each model trained ("ready") or not ("failed", with the reason).
      java.util.List<Map<String, Object>> chain = new java.util.ArrayList<>();
      for (dev.longview.pipeline.ModelSet.Status st : b.models().statuses()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", st.model());
        m.put("status", st.state());
        if (st.detail() != null) {
          m.put("detail", st.detail());
        }
        chain.add(m);
      }
      o.put("chain", chain);
      o.put("fallback", !b.modelName().equals(b.models().config().chain().get(0)));
      o.put("vectorIndex", b.models().itemIndex() == null ? "none" : b.models().itemIndex().kind());
    }
    if (b == null && reason == null) {
      reason = "no model is loaded yet; the first training is running";
    }
    o.put("status", reason == null ? "UP" : "DOWN");
    if (reason != null) {
      o.put("reason", reason);
    }
    Json.send(res, reason == null ? 200 : 503, o);
  }

  /** GET /metrics: Prometheus text format 0.0.4. */
  void metrics(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
    res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }

  /** GET /openapi.yaml: the hand-written OpenAPI 3.0 document. */
  void openapi(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "application/yaml; charset=utf-8");
    res.send(openapi);
  }

  static String openapiDocument() {
    try (InputStream in = HealthEndpoints.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + OPENAPI_RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
