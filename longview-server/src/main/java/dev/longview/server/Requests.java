package dev.longview.server;

import dev.longview.core.Ids;
import io.helidon.webserver.http.ServerRequest;

/** Reading path and query parameters, with 400s that name the parameter. */
final class Requests {
  private Requests() {}

  /** A path parameter that is an external id (checked with {@link Ids#problem}). */
  static String id(ServerRequest req, String name) {
    String id = req.path().pathParameters().get(name);
    String problem = Ids.problem(id);
    if (problem != null) {
      throw ApiException.badRequest(name, name + " \"" + id + "\" " + problem);
    }
    return id;
  }

  /** An integer query parameter in {@code [min, max]}, or {@code fallback} when absent. */
  static int intParam(ServerRequest req, String name, int fallback, int min, int max) {
    var v = req.query().first(name);
    if (v.isEmpty() || v.get().isEmpty()) {
      return fallback;
    }
    String text = v.get();
    try {
      int n = Integer.parseInt(text.trim());
      if (n < min || n > max) {
        throw ApiException.badRequest(name, name + " was " + n + "; use " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, name + " \"" + text + "\" is not an integer");
    }
  }

  /** A text query parameter, or null when absent or empty. */
  static String text(ServerRequest req, String name) {
    var v = req.query().first(name);
    return v.isEmpty() || v.get().isEmpty() ? null : v.get();
  }
}
