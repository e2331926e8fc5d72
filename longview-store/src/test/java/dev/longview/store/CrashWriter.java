package dev.longview.store;

import dev.longview.core.Event;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A child process for {@link SqliteCrashTest}: writes events to the store at {@code args[0]},
 * commits them (or not, with {@code args[1] = "uncommitted"}), says so on stdout and then waits to
 * be killed.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    boolean commit = !(args.length > 1 && args[1].equals("uncommitted"));
    EventStore store = EventStore.open(args[0]);
    StoreWriter w = store.writer();
    OffsetDateTime t0 = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    String prefix = commit ? "c" : "u";
    for (int k = 0; k < 1_000; k++) {
      w.addEvent(Event.of(prefix + "user" + (k % 10), "item" + k, "view", t0.plusSeconds(k)));
    }
    if (commit) {
      w.commit();
      System.out.println("committed");
    } else {
      System.out.println("added");
    }
    System.out.flush();
    Thread.sleep(60_000);
  }
}
