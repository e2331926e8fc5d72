package dev.longview.store;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process for {@link IngestJournalTest}: opens the store at {@code args[0]} with its
 * ingest journal and ingests batches of {@code args[1]} events (client ids {@code b<batch>-<k>})
 * from two threads, printing {@code acked <batch>} after each acknowledged batch, until killed.
 */
public final class JournalCrashWriter {
  private JournalCrashWriter() {}

  public static void main(String[] args) throws Exception {
    int size = Integer.parseInt(args[1]);
    EventStore store = EventStore.openJournaled(args[0]);
    OffsetDateTime t0 = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    Runnable client = () -> {
      while (true) {
        int b = next.getAndIncrement();
        List<Event> batch = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
          batch.add(new Event("user" + ((b * 7919 + k * 31) % 3000), "item" + (k % 500), "view", null,
              t0.plusSeconds(b).plusNanos(k * 1000L), EventContext.EMPTY, "b" + b + "-" + k));
        }
        store.ingest(batch);
        synchronized (System.out) {
          System.out.println("acked " + b + " backlog " + store.ingestStats().get("backlog_events").longValue());
          System.out.flush();
        }
      }
    };
    Thread a = Thread.ofPlatform().start(client);
    Thread b = Thread.ofPlatform().start(client);
    a.join();
    b.join();
  }
}
