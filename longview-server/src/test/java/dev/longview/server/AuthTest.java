package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.server.ServerFixture.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys and scopes: 401 without a valid key, 403 without the scope, open health and metrics. */
class AuthTest {
  static final String READER = "reader-key-0123456789";
  static final String WRITER = "writer-key-0123456789";
  static final String ADMIN = "admin-key-01234567890";

  @TempDir Path dir;
  ServerFixture api;

  @BeforeEach
  void start() {
    api = ServerFixture.start(dir, ServerConfig.defaults().withApiKeys(List.of(
        new ApiKey("dashboard", READER, Set.of(Scope.READ)),
        new ApiKey("ingest", WRITER, Set.of(Scope.WRITE)),
        new ApiKey("ops", ADMIN, Set.of(Scope.ADMIN)))), ServerFixture::shop);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void missingKey_is401_withAJsonError() {
    Reply r = api.get("/api/v1/recommend/u1");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("error").asText()).isEqualTo("unauthorized");
    assertThat(r.json().get("detail").asText()).contains("X-API-Key");
  }

  @Test
  void unknownKey_is401() {
    api.apiKey = "not-a-key-but-long-enough";
    assertThat(api.get("/api/v1/recommend/u1").status()).isEqualTo(401);
    api.apiKey = READER + "x";
    assertThat(api.get("/api/v1/recommend/u1").status()).isEqualTo(401);
  }

  @Test
  void keyWithoutTheScope_is403() {
    api.apiKey = READER;
    Reply r = api.send("POST", "/api/v1/events", "{\"userId\": \"u1\", \"itemId\": \"i1\", \"type\": \"view\"}");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("detail").asText()).contains("dashboard", "write");
    api.apiKey = WRITER;
    assertThat(api.get("/api/v1/recommend/u1").status()).isEqualTo(403);
    assertThat(api.send("POST", "/api/v1/admin/train", null).status()).isEqualTo(403);
  }

  @Test
  void keyWithTheScope_is200() {
    api.apiKey = READER;
    assertThat(api.get("/api/v1/recommend/u1").status()).isEqualTo(200);
    api.apiKey = WRITER;
    assertThat(api.send("POST", "/api/v1/events",
        "{\"userId\": \"u1\", \"itemId\": \"i1\", \"type\": \"view\"}").status()).isEqualTo(200);
    api.apiKey = ADMIN;
    assertThat(api.send("POST", "/api/v1/admin/train", null).status()).isEqualTo(200);
  }

  @Test
  void bearerToken_isAcceptedLikeTheHeader() {
    Reply r = api.send(HttpRequest.newBuilder(URI.create(api.server.url() + "/api/v1/recommend/u1"))
        .header("Authorization", "Bearer " + READER).GET().build());
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void oddAuthorizationHeaders_are401_neverA5xx() {
    List<String[]> headers = List.of(
        new String[] {"Authorization", "Bearer"}, new String[] {"Authorization", "Bearer    "},
        new String[] {"Authorization", "Basic " + READER}, new String[] {"Authorization", "bearer"},
        new String[] {"Authorization", "Bearer " + "k".repeat(6_000)},
        new String[] {"X-API-Key", "\u00e9\u00e8" + READER}, new String[] {"X-API-Key", " "},
        new String[] {"X-API-Key", READER.toUpperCase(java.util.Locale.ROOT)});
    for (String[] h : headers) {
      Reply r = api.send(HttpRequest.newBuilder(URI.create(api.server.url() + "/api/v1/users/u1"))
          .header(h[0], h[1]).GET().build());
      assertThat(r.status()).as("%s: %.40s", h[0], h[1]).isEqualTo(401);
      assertThat(r.json().get("error").asText()).isEqualTo("unauthorized");
    }
  }

  @Test
  void healthMetricsAndOpenapi_areOpen() {
    assertThat(api.get("/health/live").status()).isEqualTo(200);
    assertThat(api.get("/health/ready").status()).isEqualTo(200);
    assertThat(api.get("/metrics").status()).isEqualTo(200);
    assertThat(api.get("/openapi.yaml").status()).isEqualTo(200);
  }
}
