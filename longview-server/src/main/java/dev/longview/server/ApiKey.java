package dev.longview.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.Set;

/**
 * One API key of the server's configuration.
 *
 * @param name a label for logs and metrics (never the key itself), e.g. "ingest"
 * @param key the secret clients send in {@code X-API-Key} or {@code Authorization: Bearer};
 *     at least 16 characters
 * @param scopes what the key may do; not empty
 */
public record ApiKey(String name, String key, Set<Scope> scopes) {
  /** Shortest accepted key: shorter ones are guessable. */
  public static final int MIN_LENGTH = 16;

  public ApiKey {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an API key needs a name (a label such as \"ingest\")");
    }
    if (key == null || key.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("API key \"" + name + "\" is "
          + (key == null ? 0 : key.length()) + " characters long; use at least " + MIN_LENGTH
          + " random characters (e.g. `openssl rand -hex 24`)");
    }
    if (scopes == null || scopes.isEmpty()) {
      throw new IllegalArgumentException("API key \"" + name
          + "\" has no scopes; give it some of read, write, admin");
    }
    scopes = Set.copyOf(EnumSet.copyOf(scopes));
  }

  @Override
  public String toString() {
    return "ApiKey[name=" + name + ", scopes=" + scopes + "]"; // never print the secret
  }

  /** SHA-256 of a presented or configured key: compared with {@code MessageDigest.isEqual}. */
  static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
