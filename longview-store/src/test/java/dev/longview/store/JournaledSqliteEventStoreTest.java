package dev.longview.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on an SQLite file opened with its ingest journal
 * ({@link EventStore#openJournaled}): every contract test, the ingest ones through the journal,
 * plus what only the journal has.
 */
class JournaledSqliteEventStoreTest extends EventStoreContract {
  @TempDir Path dir;

  @Override
  String newLocation() {
    return dir.resolve("journaled.db").toString();
  }

  @Override
  EventStore open(String location) {
    return EventStore.openJournaled(location);
  }

  @Test
  void ingest_goesThroughTheJournal_andACleanCloseLeavesNoJournal() {
    assertThat(store.journaled()).isTrue();
    store.ping(); // the readiness probe: answers without waiting for the applier
    store.ingest(List.of(ev("u1", "i1", "view", null, T0)));
    assertThat(Files.exists(dir.resolve("journaled.db.ingest"))).isTrue();
    assertThat(store.ingestStats()).containsKeys("backlog_events", "applied_events_total");
    store.close();
    assertThat(Files.exists(dir.resolve("journaled.db.ingest"))).isFalse();
    store = EventStore.open(location);
    assertThat(store.counts().events()).isEqualTo(1);
  }

  @Test
  void aSecondProcessCannotTakeTheJournal_butAPlainOpenStillReads() {
    store.ingest(List.of(ev("u1", "i1", "view", null, T0)));
    store.counts(); // applied
    assertThatThrownBy(() -> IngestJournal.open(dir.resolve("journaled.db.ingest")))
        .isInstanceOf(StoreException.class).hasMessageContaining("in use");
    try (EventStore other = EventStore.open(location)) {
      assertThat(other.counts().events()).isEqualTo(1);
    }
  }

  @Test
  void pendingBatches_areAppliedBeforeAWriterStarts() {
    store.ingest(List.of(ev("u1", "i1", "view", null, T0)));
    try (StoreWriter w = store.writer()) {
      w.addEvent(ev("u1", "i1", "view", null, T0));
      assertThat(w.commit().duplicates()).isEqualTo(1);
    }
  }

  @Test
  void postgresAndInMemoryLocations_writeDirectly() {
    try (EventStore memory = EventStore.openJournaled("jdbc:sqlite::memory:")) {
      assertThat(memory.journaled()).isFalse();
      assertThat(memory.ingest(List.of(ev("u1", "i1", "view", null, T0))).eventsStored()).isEqualTo(1);
    }
    assertThat(JournaledEventStore.journalDir("jdbc:postgresql://localhost:5432/x")).isNull();
  }

  static Event view(String user, String item, int second) {
    return ev(user, item, "view", null, T0.plusSeconds(second));
  }
}
