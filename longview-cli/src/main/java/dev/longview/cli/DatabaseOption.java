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

  EventStore open() {
    return EventStore.open(location());
  }
}
