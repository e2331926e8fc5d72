package dev.longview.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL server on loopback ({@link PostgresServer}). Skipped,
 * with the reason, only when no PostgreSQL binaries exist and no server URL is given.
 */
class PostgresEventStoreTest extends EventStoreContract {
  @Override
  String newLocation() throws Exception {
    var server = PostgresServer.available();
    Assumptions.assumeTrue(server.isPresent(),
        () -> "PostgreSQL contract tests skipped: " + PostgresServer.whyUnavailable());
    return server.get().newDatabase();
  }

  @Test
  void dialect_isPostgresql() {
    assertThat(store.dialect()).isEqualTo("postgresql");
  }
}
