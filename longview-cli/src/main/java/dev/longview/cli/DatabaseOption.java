package dev.longview.cli;

import dev.longview.store.EventStore;
import picocli.CommandLine.Option;

/** The {@code --db} option every command that touches the store shares. */
final class DatabaseOption {
  /** Where the embedded database lives unless told otherwise. */
  static final String DEFAULT = "longview-data/longview.db";

  @Option(names = "--db", paramLabel = "DB",
      description = "SQLite file or JDBC URL (jdbc:postgresql://host:port/db?user=..)."
          + " Default: $LONGVIEW_DB, else " + DEFAULT)
  String db;

  String location() {
    if (db != null) {
      return db;
    }
    String env = System.getenv("LONGVIEW_DB");
    return env != null && !env.isBlank() ? env : DEFAULT;
  }

  /** The location given by --db, else {@code fallback} (for commands with their own default). */
  String locationOr(String fallback) {
    return db != null ? db : fallback;
  }

  /** Opens the store, creating an SQLite file (and its folder) when it does not exist. */
  EventStore open() {
    return EventStore.open(location());
  }

  /**
   * Opens the store for serving: as {@link #open}, with the durable ingest journal for SQLite
   * files ({@link EventStore#openJournaled}).
   */
  EventStore openJournaled() {
    return EventStore.openJournaled(location());
  }

  /**
   * Opens a store that must already exist: commands that only read or delete say so instead of
   * creating an empty database at a mistyped path.
   */
  EventStore openExisting() {
    String location = location();
    if (!location.startsWith("jdbc:") || location.startsWith("jdbc:sqlite:")) {
      String file = location.startsWith("jdbc:sqlite:") ? location.substring("jdbc:sqlite:".length()) : location;
      int q = file.indexOf('?');
      file = q >= 0 ? file.substring(0, q) : file;
      if (!file.startsWith(":memory:") && !java.nio.file.Files.exists(java.nio.file.Path.of(file))) {
        throw new UserError("no database at " + file + "; create one with `longview import` or"
            + " `longview demo`, or point --db (or LONGVIEW_DB) at an existing one");
      }
    }
    return EventStore.open(location);
  }
}
