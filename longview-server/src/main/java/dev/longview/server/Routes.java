package dev.longview.server;

import dev.longview.store.StoreException;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route table and the one wrapper every route goes through: authenticate -> handle -> map any
 * exception to a JSON error -> record metrics. This is the only place where exceptions become
 * HTTP statuses:
 *
 * <ul>
 *   <li>{@link ApiException}: its own status (400, 401, 403, 404, 409, 413, 503);
 *   <li>{@link IllegalArgumentException}: 400 (the caller's mistake, by the project's rule);
 *   <li>Helidon's {@link HttpException} (e.g. a broken chunked body): its status;
 *   <li>{@link StoreException}: 503, the database failed;
 *   <li>anything else: 500, logged with its stack trace; the body says only "internal error".
 * </ul>
 */
final class Routes {
  private static final System.Logger LOG = System.getLogger(Routes.class.getName());
  static final String API = "/api/v1";

  /** One route: method, path template (as in the OpenAPI document), scope (null = open). */
  record Route(Method method, String path, Scope scope, Handler handler) {}

  private final Auth auth;
  private final Metrics metrics;
  private final List<Route> table;

  Routes(Auth auth, Metrics metrics, UserEndpoints users, ItemEndpoints items,
      EventEndpoints events, RecommendEndpoint recommend, AdminEndpoints admin,
      HealthEndpoints health, AnalyticsEndpoints analytics) {
    this.auth = auth;
    this.metrics = metrics;
    this.table = List.of(
        new Route(Method.PUT, API + "/users/{id}", Scope.WRITE, users::put),
        new Route(Method.POST, API + "/users", Scope.WRITE, users::postBatch),
        new Route(Method.GET, API + "/users/{id}", Scope.READ, users::get),
        new Route(Method.PATCH, API + "/users/{id}", Scope.WRITE, users::patch),
        new Route(Method.DELETE, API + "/users/{id}", Scope.WRITE, users::delete),
        new Route(Method.GET, API + "/users/{id}/events", Scope.READ, users::events),
        new Route(Method.PUT, API + "/items/{id}", Scope.WRITE, items::put),
        new Route(Method.POST, API + "/items", Scope.WRITE, items::postBatch),
        new Route(Method.GET, API + "/items/{id}", Scope.READ, items::get),
        new Route(Method.PATCH, API + "/items/{id}", Scope.WRITE, items::patch),
        new Route(Method.POST, API + "/events", Scope.WRITE, events::post),
        new Route(Method.GET, API + "/items/{id}/similar", Scope.READ, recommend::similar),
        new Route(Method.GET, API + "/recommend/{userId}", Scope.READ, recommend::get),
        new Route(Method.POST, API + "/recommend", Scope.READ, recommend::post),
        new Route(Method.POST, API + "/admin/train", Scope.ADMIN, admin::train),
        new Route(Method.GET, "/health/live", null, health::live),
        new Route(Method.GET, "/health/ready", null, health::ready),
        new Route(Method.GET, "/metrics", null, health::metrics),
        new Route(Method.GET, "/openapi.yaml", null, health::openapi),
        new Route(Method.GET, API + "/analytics/overview", Scope.READ, analytics::overview),
        new Route(Method.GET, API + "/analytics/lifecycle", Scope.READ, analytics::lifecycle),
        new Route(Method.GET, API + "/analytics/retention", Scope.READ, analytics::retention),
        new Route(Method.GET, API + "/analytics/commerce", Scope.READ, analytics::commerce),
        new Route(Method.GET, API + "/analytics/users", Scope.READ, analytics::search),
        new Route(Method.GET, API + "/analytics/users/{id}", Scope.READ, analytics::user),
        new Route(Method.GET, API + "/analytics/models", Scope.READ, analytics::models));
  }

  List<Route> table() {
    return table;
  }

  void register(HttpRouting.Builder routing) {
    for (Route r : table) {
      routing.route(r.method(), r.path(), wrap(r.path(), r.scope(), r.handler()));
    }
    routing.route(m -> true, PathMatchers.any(), wrap("unmatched", null, (req, res) -> {
      throw ApiException.notFound("no route " + req.prologue().method().text() + " "
          + req.path().path() + "; the API is described at /openapi.yaml");
    }));
  }

  private Handler wrap(String route, Scope scope, Handler handler) {
    return (req, res) -> {
      long start = System.nanoTime();
      int status;
      try {
        auth.check(req, scope);
        handler.handle(req, res);
        status = res.status().code();
      } catch (Exception | StackOverflowError e) {
        status = fail(req, res, e);
      }
      metrics.request(route, methodLabel(req), status, System.nanoTime() - start);
    };
  }

  /** The method as a metrics label; made-up methods share "other" so labels stay bounded. */
  private static String methodLabel(ServerRequest req) {
    String m = req.prologue().method().text();
    return switch (m) {
      case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" -> m;
      default -> "other";
    };
  }

  /** Sends the JSON error for {@code e}; returns the status. */
  private static int fail(ServerRequest req, ServerResponse res, Throwable e) {
    int status;
    String code;
    String detail;
    String field = null;
    Object errors = null;
    switch (e) {
      case ApiException a -> {
        status = a.status;
        code = a.code;
        detail = a.getMessage();
        field = a.field;
        errors = a.errors.isEmpty() ? null : a.errors;
      }
      case IllegalArgumentException a -> {
        status = 400;
        code = "bad_request";
        detail = a.getMessage();
      }
      case HttpException h when h.status().code() < 500 -> {
        status = h.status().code();
        code = "bad_request";
        detail = h.getMessage();
      }
      case StoreException s -> {
        LOG.log(System.Logger.Level.ERROR, "store failure on " + describe(req), s);
        status = 503;
        code = "store_unavailable";
        detail = "the database failed: " + s.getMessage();
      }
      default -> {
        LOG.log(System.Logger.Level.ERROR, "unexpected failure on " + describe(req), e);
        status = 500;
        code = "internal";
        detail = "internal error; the server log has the details";
      }
    }
    if (res.isSent()) {
      return status;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("detail", detail);
    body.put("field", field);
    if (errors != null) {
      body.put("errors", errors);
    }
    if (status == 401) {
      res.header("WWW-Authenticate", "Bearer");
    }
    Json.send(res, status, body);
    return status;
  }

  private static String describe(ServerRequest req) {
    return req.prologue().method().text() + " " + req.path().path();
  }
}
