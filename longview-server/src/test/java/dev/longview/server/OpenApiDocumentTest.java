package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written OpenAPI document describes every route of the routing table, and no other. */
class OpenApiDocumentTest {
  @TempDir Path dir;

  @Test
  void everyRouteOfTheRoutingIsInTheDocument_andEveryDocumentedOperationIsRouted() {
    try (ServerFixture api = ServerFixture.start(dir, ServerConfig.defaults(), w -> {})) {
      String served = api.get("/openapi.yaml").text();
      assertThat(served).isEqualTo(HealthEndpoints.openapiDocument());
      List<String> documented = operations(served);
      assertThat(documented).containsExactlyInAnyOrderElementsOf(api.server.routeList());
    }
  }

  /** "METHOD /path" for each operation under {@code paths:} (two-space path, four-space method). */
  static List<String> operations(String yaml) {
    List<String> out = new ArrayList<>();
    boolean inPaths = false;
    String path = null;
    for (String line : yaml.split("\n")) {
      if (!line.startsWith(" ")) {
        inPaths = line.startsWith("paths:");
        continue;
      }
      if (!inPaths) {
        continue;
      }
      if (line.matches("  /\\S*:\\s*")) {
        path = line.trim().replaceAll(":$", "");
      } else if (line.matches("    (get|put|post|patch|delete):\\s*")) {
        out.add(line.trim().replaceAll(":$", "").toUpperCase(Locale.ROOT) + " " + path);
      }
    }
    return out;
  }
}
