package dev.longview.server;

import dev.longview.store.EventStore;

/**
 * A child process for {@link IngestJournalServerTest}: opens the store at {@code args[0]} with its
 * ingest journal (as {@code longview serve} does), seeds the shop when empty, starts the real
 * server on a free port, prints {@code url <URL>} and serves until killed.
 */
public final class JournalServerMain {
  private JournalServerMain() {}

  public static void main(String[] args) throws Exception {
    EventStore store = EventStore.openJournaled(args[0]);
    if (store.counts().events() == 0) {
      try (var w = store.writer()) {
        ServerFixture.shop(w);
        w.commit();
      }
    }
    LongviewServer server = LongviewServer.start(store, ServerConfig.defaults().withPort(0));
    System.out.println("url " + server.url());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

}
