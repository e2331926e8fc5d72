package dev.longview.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL server on loopback ({@link PostgresServer}). Skipped,
 * with the reason, only when no PostgreSQL binaries exist and no server URL is given; CI sets
 * {@code LONGVIEW_REQUIRE_POSTGRES} so that it fails instead.
 */
class PostgresEventStoreTest extends EventStoreContract {
  @Override
  String newLocation() throws Exception {
    var server = PostgresServer.available();
    if (server.isEmpty() && System.getenv("LONGVIEW_REQUIRE_POSTGRES") != null) {
      throw new IllegalStateException("LONGVIEW_REQUIRE_POSTGRES is set but no PostgreSQL server"
          + " could be started: " + PostgresServer.whyUnavailable());
    }
    Assumptions.assumeTrue(server.isPresent(),
        () -> "PostgreSQL contract tests skipped: " + PostgresServer.whyUnavailable());
    return server.get().newDatabase();
  }

  @Test
  void dialect_isPostgresql() {
    assertThat(store.dialect()).isEqualTo("postgresql");
  }
}
