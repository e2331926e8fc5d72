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
}
