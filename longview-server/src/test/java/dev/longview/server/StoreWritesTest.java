package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.store.EventStore;
import dev.longview.store.WriteSummary;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** Group commit in {@link StoreWrites}, on a real SQLite file. */
class StoreWritesTest {
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2024-03-01T00:00:00Z");
  @TempDir Path dir;
  private EventStore store;
  private StoreWrites writes;

  @BeforeEach
  void open() {
    store = EventStore.open(dir.resolve("w.db").toString());
    writes = new StoreWrites(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static List<Event> batch(int writer, int size, boolean bad) {
    List<Event> out = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      // A bad batch ends with an event of an unknown type: addEvent throws there, after the
      // batch's other events were added to the (shared) transaction.
      String type = bad && k == size - 1 ? "no-such-type" : "view";
      out.add(new Event("u" + (writer * 31 + k) % 97, "i" + k % 13, type, null,
          T0.plusSeconds(writer * 10_000L + k), EventContext.EMPTY, "e-" + writer + "-" + k));
    }
    return out;
  }

  @RepeatedTest(3)
  void concurrentBatches_areAllDurable_eachGetsItsOwnCounts_andABadOneFailsAlone() throws Exception {
    int writers = 24;
    int size = 150;
    int bad = 5;
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<WriteSummary>> futures = new ArrayList<>();
    ConcurrentHashMap<Integer, Throwable> failures = new ConcurrentHashMap<>();
    for (int w = 0; w < writers; w++) {
      int id = w;
      futures.add(pool.submit(() -> {
        start.await();
        List<Event> events = batch(id, size, id == bad);
        try {
          // Twice: the second time every event is a duplicate (idempotent re-send).
          WriteSummary first = writes.write(x -> events.forEach(x::addEvent));
          WriteSummary again = writes.write(x -> events.forEach(x::addEvent));
          assertThat(again.eventsStored()).isZero();
          assertThat(again.duplicates()).isEqualTo(size);
          return first;
        } catch (RuntimeException e) {
          failures.put(id, e);
          return null;
        }
      }));
    }
    start.countDown();
    for (int w = 0; w < writers; w++) {
      WriteSummary s = futures.get(w).get();
      if (w == bad) {
        assertThat(s).isNull();
      } else {
        assertThat(s.eventsOffered()).isEqualTo(size);
        assertThat(s.eventsStored()).isEqualTo(size);
        assertThat(s.duplicates()).isZero();
      }
    }
    pool.shutdown();
    assertThat(failures.keySet()).containsExactly(bad);
    assertThat(failures.get(bad)).hasMessageContaining("no-such-type");
    // Every good batch stored in full, nothing of the bad one (not even its valid events).
    assertThat(store.counts().events()).isEqualTo((long) (writers - 1) * size);
    // Durable: a new store on the same file sees them.
    store.close();
    store = EventStore.open(dir.resolve("w.db").toString());
    assertThat(store.counts().events()).isEqualTo((long) (writers - 1) * size);
  }

  @RepeatedTest(3)
  void writesWaitingTogether_shareATransaction() throws Exception {
    int writers = 32;
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<WriteSummary>> futures = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int id = w;
      futures.add(pool.submit(() -> {
        start.await();
        return writes.write(x -> batch(id, 200, false).forEach(x::addEvent));
      }));
    }
    start.countDown();
    long stored = 0;
    for (Future<WriteSummary> f : futures) {
      stored += f.get().eventsStored();
    }
    pool.shutdown();
    assertThat(stored).isEqualTo(writers * 200L);
    assertThat(store.counts().events()).isEqualTo(writers * 200L);
    assertThat(writes.transactions()).isLessThan(writers);
  }
}
