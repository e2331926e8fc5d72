package dev.longview.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's static files at {@code /ui}: plain HTML, CSS and JavaScript from the jar's
 * {@code ui/} resources, read once at start-up (no file system access at run time, no CDN). The
 * page itself needs no key; it asks for one and sends it with every API call, so without a key
 * it shows nothing. Not part of the API's route table (nor of the OpenAPI document). Immutable;
 * thread-safe.
 */
final class UiEndpoints {
  /** Every file of the dashboard, by name under {@code /ui/}. */
  static final List<String> FILES = List.of("index.html", "style.css", "charts.js", "app.js",
      "favicon.svg");

  private record Asset(byte[] bytes, String contentType, String etag) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  UiEndpoints() {
    for (String name : FILES) {
      byte[] bytes = read("ui/" + name);
      assets.put(name, new Asset(bytes, contentType(name), etag(bytes)));
    }
  }

  /** Adds {@code GET /ui}, {@code /ui/} and {@code /ui/{file}}; call before the API's catch-all. */
  void register(HttpRouting.Builder routing) {
    routing.route(Method.GET, "/ui", (req, res) -> send(req, res, "index.html"));
    routing.route(Method.GET, "/ui/", (req, res) -> send(req, res, "index.html"));
    routing.route(Method.GET, "/ui/{file}", (req, res) ->
        send(req, res, req.path().pathParameters().get("file")));
  }

  private void send(ServerRequest req, ServerResponse res, String name) {
    Asset a = assets.get(name);
    if (a == null) {
      Json.send(res, 404, Map.of("error", "not_found", "detail", "no file \"" + name
          + "\" in the dashboard; open /ui", "field", "file"));
      return;
    }
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    res.header(HeaderNames.ETAG, a.etag());
    res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
    res.header(HeaderNames.create("Content-Security-Policy"), "default-src 'self'; img-src 'self'"
        + " data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'");
    String ifNoneMatch = req.headers().first(HeaderNames.IF_NONE_MATCH).orElse(null);
    if (a.etag().equals(ifNoneMatch)) {
      res.status(Status.NOT_MODIFIED_304);
      res.send();
      return;
    }
    res.header(HeaderNames.CONTENT_TYPE, a.contentType());
    res.send(a.bytes());
  }

  private static byte[] read(String resource) {
    try (InputStream in = UiEndpoints.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard file " + resource
            + " is missing from the jar; rebuild longview-server");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String contentType(String name) {
    String ext = name.substring(name.lastIndexOf('.') + 1);
    return switch (ext) {
      case "html" -> "text/html; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "js" -> "text/javascript; charset=utf-8";
      case "svg" -> "image/svg+xml";
      default -> "application/octet-stream";
    };
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
