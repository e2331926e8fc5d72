package dev.longview.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.Event;
import dev.longview.core.Item;
import dev.longview.core.User;
import dev.longview.store.StoreWriter;
import dev.longview.store.WriteSummary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Parse-only throughput on ml-1m (1,000,209 ratings): read, split, parse, validate and build
 * every event, into a writer that only counts. Skips without the data. Prints rows/s.
 */
class ParseThroughputTest {

  /** Counts events; stores and deduplicates nothing. */
  static final class CountingWriter implements StoreWriter {
    long events;

    @Override
    public void putUser(User user) {}

    @Override
    public void putItem(Item item) {}

    @Override
    public void addEvent(Event event) {
      events++;
    }

    @Override
    public WriteSummary commit() {
      return new WriteSummary(events, events, 0, 0, 0);
    }

    @Override
    public void close() {}
  }

  @Test
  void movielens1m_parsesWellOver500kRowsPerSecond() {
    Path file = SharedData.require("ml-1m/ratings_no_timestamp.dat");
    double best = 0;
    for (int run = 0; run < 5; run++) {
      CountingWriter writer = new CountingWriter();
      long start = System.nanoTime();
      ImportReport report = Importer.run(ImportRequest.of("movielens-1m", file), writer,
          ProgressListener.NONE);
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(writer.events).isEqualTo(1_000_209);
      double rate = report.read() / seconds;
      best = Math.max(best, rate);
      System.out.printf("ml-1m parse-only run %d: %.3f s, %,.0f rows/s%n", run, seconds, rate);
    }
    System.out.printf("ml-1m parse-only best: %,.0f rows/s%n", best);
    // a loose floor against pathological regressions; the target is well over 500k rows/s
    assertThat(best).isGreaterThan(200_000);
  }
}
