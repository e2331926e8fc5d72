package dev.longview.server;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.security.MessageDigest;
import java.util.List;

/**
 * Checks the API key of a request against the configured ones: {@code X-API-Key: KEY} or
 * {@code Authorization: Bearer KEY}. No key configured means an open server. Keys are compared
 * by their SHA-256 digests with {@link MessageDigest#isEqual} (constant time), and every
 * configured key is compared, so the time taken says nothing about which key came close.
 * Immutable; thread-safe.
 */
final class Auth {
  private record Known(ApiKey key, byte[] digest) {}

  private final List<Known> keys;

  Auth(List<ApiKey> keys) {
    this.keys = keys.stream().map(k -> new Known(k, ApiKey.digest(k.key()))).toList();
  }

  boolean enabled() {
    return !keys.isEmpty();
  }

  /**
   * Throws 401 when a key is needed and missing or unknown, 403 when the key lacks {@code scope}.
   * A null scope means an open route.
   */
  void check(ServerRequest req, Scope scope) {
    if (scope == null || keys.isEmpty()) {
      return;
    }
    String presented = presented(req);
    if (presented == null) {
      throw ApiException.unauthorized("this route needs an API key with scope \"" + scope.label()
          + "\"; send it as X-API-Key: KEY or Authorization: Bearer KEY");
    }
    byte[] digest = ApiKey.digest(presented);
    ApiKey match = null;
    for (Known k : keys) {
      if (MessageDigest.isEqual(digest, k.digest())) {
        match = k.key();
      }
    }
    if (match == null) {
      throw ApiException.unauthorized("the API key is not valid");
    }
    if (!match.scopes().contains(scope)) {
      throw ApiException.forbidden("API key \"" + match.name() + "\" lacks the scope \""
          + scope.label() + "\" this route needs");
    }
  }

  private static String presented(ServerRequest req) {
    String key = req.headers().first(HeaderNames.create("X-API-Key")).orElse(null);
    if (key != null && !key.isEmpty()) {
      return key;
    }
    String auth = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = auth.substring(7).trim();
      return token.isEmpty() ? null : token;
    }
    return null;
  }
}
