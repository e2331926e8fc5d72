package dev.longview.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest journal's file format and crash behaviour: records round-trip, a torn or corrupt last
 * record is dropped (it was never acknowledged) and everything before it is replayed, a replay is
 * idempotent, and a process killed right after acknowledged batches loses none of them.
 */
class IngestJournalTest {
  static final OffsetDateTime T0 = OffsetDateTime.of(2024, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC);

  @TempDir Path dir;

  static List<Event> batch(int b, int size) {
    List<Event> out = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      out.add(new Event("u" + (k % 5), "i" + k, "view", null, T0.plusSeconds(b * 1000L + k),
          EventContext.EMPTY, "b" + b + "-" + k));
    }
    return out;
  }

  @Test
  void records_roundTripEveryField() {
    Event full = new Event("user é", "item/1", "rating", 4.5,
        OffsetDateTime.of(2024, 3, 1, 10, 0, 0, 123_456_789, ZoneOffset.ofHours(-5)),
        new EventContext("s1", "mobile", "red shoes", "/home", Map.of("unitPrice", 2.5, "tag", "x")),
        "client-7");
    Event bare = Event.of("u", null, "visit", T0);
    List<Event> back = JournalRecords.decode(JournalRecords.encode(List.of(full, bare)));
    assertThat(back).containsExactly(full, bare);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5})
  void applyOrder_isByUserThenTime_andStable(long seed) {
    java.util.Random r = new java.util.Random(seed);
    int n = 1 + r.nextInt(3_000);
    long[] ref = new long[n];
    long[] time = new long[n];
    for (int k = 0; k < n; k++) {
      ref[k] = 1 + r.nextInt(1 + n / 10);
      time[k] = r.nextInt(50); // many ties
    }
    Integer[] expected = new Integer[n];
    for (int k = 0; k < n; k++) {
      expected[k] = k;
    }
    java.util.Arrays.sort(expected, java.util.Comparator.<Integer>comparingLong(k -> ref[k])
        .thenComparingLong(k -> time[k])); // stable: ties keep their positions
    assertThat(JournaledEventStore.sortedOrder(ref, time)).containsExactly(
        java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
  }

  @Test
  void appendedRecords_areReadBackInOrder_withSequenceNumbers() {
    Path j = dir.resolve("a.ingest");
    try (IngestJournal journal = IngestJournal.open(j)) {
      assertThat(journal.append(new byte[] {1, 2, 3})).isEqualTo(1);
      assertThat(journal.append(new byte[] {4})).isEqualTo(2);
    }
    try (IngestJournal journal = IngestJournal.open(j)) {
      assertThat(journal.recovered()).hasSize(2);
      assertThat(journal.recovered().get(1)).containsExactly(4);
      assertThat(journal.append(new byte[] {5})).isEqualTo(3);
    }
  }

  @Test
  void aFullyAppliedLargeSegment_isReplacedByANewOne_andDeleted() throws Exception {
    Path j = dir.resolve("r.ingest");
    byte[] big = new byte[1 << 20];
    try (IngestJournal journal = IngestJournal.open(j)) {
      for (int k = 0; k < 5; k++) {
        journal.append(big);
      }
      journal.applied(3); // records 4 and 5 still pending: the segment stays
      assertThat(IngestJournal.segmentFiles(j)).hasSize(1)
          .allMatch(p -> p.getFileName().toString().endsWith("1.lvj"));
      journal.applied(5);
      assertThat(IngestJournal.segmentFiles(j)).hasSize(1)
          .allMatch(p -> p.getFileName().toString().endsWith("2.lvj"));
      assertThat(journal.append(new byte[] {7})).isEqualTo(6);
    }
    try (IngestJournal journal = IngestJournal.open(j)) {
      assertThat(journal.recovered()).hasSize(1); // only what came after the applied segment
      assertThat(journal.recovered().get(0)).containsExactly(7);
    }
  }

  @Test
  void aSegmentOfAnotherFormatVersion_isRefusedWithTheFix() throws Exception {
    Path j = dir.resolve("v.ingest");
    Files.createDirectories(j);
    ByteBuffer h = ByteBuffer.allocate(16).putInt(IngestJournal.MAGIC).putInt(99).putLong(1);
    Files.write(j.resolve("00000000000000000001.lvj"), h.array());
    assertThatThrownBy(() -> IngestJournal.open(j)).isInstanceOf(StoreException.class)
        .hasMessageContaining("version 99");
  }

  /** Writes three batches to the journal of {@code db} without applying them, as a crash would leave it. */
  private Path journalWithThreeBatches(String db) {
    Path j = Path.of(db + ".ingest");
    try (IngestJournal journal = IngestJournal.open(j)) {
      for (int b = 0; b < 3; b++) {
        journal.append(JournalRecords.encode(batch(b, 40)));
      }
    }
    return j;
  }

  private static Path lastSegment(Path j) throws Exception {
    List<Path> segs = IngestJournal.segmentFiles(j);
    return segs.get(segs.size() - 1);
  }

  @Test
  void unappliedRecords_areReplayedAtOpen_andATornLastRecordIsDropped() throws Exception {
    String db = dir.resolve("torn.db").toString();
    EventStore.open(db).close();
    Path j = journalWithThreeBatches(db);
    Path seg = lastSegment(j);
    // a fourth record cut off after 10 of its payload bytes: the write the crash interrupted
    byte[] payload = JournalRecords.encode(batch(3, 40));
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.APPEND)) {
      ByteBuffer torn = ByteBuffer.allocate(18).putInt(payload.length).putInt(12345).put(payload, 0, 10).flip();
      ch.write(torn);
    }

    try (EventStore store = EventStore.openJournaled(db)) {
      assertThat(store.counts().events()).isEqualTo(120);
      assertThat(store.eventsOfUser("u1").count()).isEqualTo(24);
      assertThat(Files.exists(seg)).isFalse(); // replayed, then deleted
    }
    assertThat(Files.exists(j)).isFalse(); // applied and closed cleanly
  }

  @Test
  void aRecordWithABadChecksum_endsTheJournal_andWhatFollowsIsNotReplayed() throws Exception {
    String db = dir.resolve("crc.db").toString();
    EventStore.open(db).close();
    Path j = journalWithThreeBatches(db);
    Path seg = lastSegment(j);
    // flip one payload byte of the second record: its CRC32C no longer matches
    long second = IngestJournal.HEADER_BYTES + IngestJournal.RECORD_HEADER_BYTES
        + JournalRecords.encode(batch(0, 40)).length + IngestJournal.RECORD_HEADER_BYTES + 20;
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, second);
      one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
      ch.write(one, second);
    }
    // a plain open applies the leftover journal too
    try (EventStore store = EventStore.open(db)) {
      assertThat(store.counts().events()).isEqualTo(40);
      try (Stream<Event> s = store.events(T0.toInstant(), T0.plusDays(1).toInstant())) {
        assertThat(s.map(Event::eventId)).allMatch(id -> id.startsWith("b0-"));
      }
    }
    assertThat(Files.exists(j)).isFalse();
  }

  @Test
  void replayingRecordsThatWereAlreadyApplied_storesNothingTwice() throws Exception {
    String db = dir.resolve("twice.db").toString();
    try (EventStore store = EventStore.open(db)) {
      store.append(batch(0, 40));
      store.append(batch(1, 40));
    }
    journalWithThreeBatches(db); // batches 0 and 1 again, and 2
    try (EventStore store = EventStore.openJournaled(db)) {
      assertThat(store.counts().events()).isEqualTo(120);
    }
  }

  @Test
  void aKilledProcess_losesNoAcknowledgedBatch_andStoresEachEventOnce() throws Exception {
    String db = dir.resolve("kill.db").toString();
    EventStore.open(db).close();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), JournalCrashWriter.class.getName(), db, "500")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Set<Integer> acked = new HashSet<>();
    long backlogAtKill = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
      String line;
      while (acked.size() < 60 && (line = out.readLine()) != null) {
        String[] f = line.split(" ");
        acked.add(Integer.parseInt(f[1]));
        backlogAtKill = Long.parseLong(f[3]);
      }
    } finally {
      p.destroyForcibly(); // SIGKILL right after acknowledged batches: no shutdown hook, no close
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acked).hasSize(60);
    System.out.println("journal crash test: killed after 60 acknowledged batches of 500, backlog "
        + backlogAtKill + " events at the last acknowledgement");

    try (EventStore store = EventStore.open(db)) {
      Map<String, Integer> seen = new java.util.HashMap<>();
      try (Stream<Event> s = store.events(T0.minusYears(5).toInstant(), T0.plusYears(5).toInstant())) {
        s.forEach(e -> seen.merge(e.eventId(), 1, Integer::sum));
      }
      for (int b : acked) {
        for (int k = 0; k < 500; k++) {
          assertThat(seen.get("b" + b + "-" + k)).as("event b%d-%d", b, k).isEqualTo(1);
        }
      }
      assertThat(seen.values()).allMatch(n -> n == 1);
      assertThat(store.counts().events()).isEqualTo(seen.size());
    }
    assertThat(Files.exists(Path.of(db + ".ingest"))).isFalse();
  }
}
