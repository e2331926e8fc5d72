package dev.longview.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on embedded SQLite, plus what only a file database has. */
class SqliteEventStoreTest extends EventStoreContract {
  @TempDir Path dir;

  @Override
  String newLocation() {
    return dir.resolve("nested/folder/longview.db").toString();
  }

  @Test
  void open_createsTheFolderAndUsesWal() throws Exception {
    assertThat(store.dialect()).isEqualTo("sqlite");
    assertThat(Files.exists(Path.of(location))).isTrue();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + location);
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("PRAGMA journal_mode");
      rs.next();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
      rs = s.executeQuery("SELECT MAX(version) FROM schema_version");
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(Migrations.latest());
    }
  }

  @Test
  void open_refusesASchemaNewerThanThisBuild() throws Exception {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + location);
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_version VALUES (99, 'from the future', 0)");
    }
    assertThatThrownBy(() -> EventStore.open(location))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema is version 99")
        .hasMessageContaining("use a newer Longview");
    store = null;
  }

  @Test
  void open_refusesAFileThatIsNotADatabase() throws Exception {
    Path junk = dir.resolve("junk.db");
    Files.writeString(junk, "this is not a database, just some text that is long enough ".repeat(20));
    assertThatThrownBy(() -> EventStore.open(junk.toString()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open the database");
  }

  @Test
  void open_rejectsAnUnknownUrlScheme() {
    assertThatThrownBy(() -> EventStore.open("jdbc:mysql://localhost/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql://");
  }

  @Test
  void commits_areCheckpointedInTheBackground_andSurviveReopening() throws Exception {
    java.time.OffsetDateTime t0 = java.time.OffsetDateTime.parse("2024-01-01T00:00:00Z");
    for (int b = 0; b < 20; b++) {
      try (StoreWriter w = store.writer()) {
        for (int k = 0; k < 200; k++) {
          w.addEvent(ev("u" + (k * 7919 + b) % 500, "i" + k % 50, "view", null, t0.plusSeconds(b * 1000L + k)));
        }
        w.commit();
      }
    }
    // Writers no longer checkpoint a small WAL themselves; the background thread does.
    try (Connection c = ((JdbcEventStore) store).connect(); Statement s = c.createStatement()) {
      var rs = s.executeQuery("PRAGMA wal_autocheckpoint");
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(Dialect.WAL_AUTOCHECKPOINT_PAGES);
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (((JdbcEventStore) store).checkpoints() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(((JdbcEventStore) store).checkpoints()).isPositive();
    store.close();
    store = EventStore.open(location);
    assertThat(store.counts().events()).isEqualTo(4_000);
  }
}
