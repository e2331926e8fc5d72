package dev.longview.store;

/** JDBC implementation of {@link EventStore}; being written (see the foundation issue). */
final class JdbcEventStore {
  private JdbcEventStore() {}

  static EventStore open(String location) {
    throw new UnsupportedOperationException("the JDBC store is not written yet");
  }
}
