package dev.longview.cli;

import dev.longview.core.Event;
import dev.longview.core.Item;
import dev.longview.core.User;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.lab.shop.ShopConfig;
import dev.longview.lab.shop.ShopGenerator;
import dev.longview.lab.shop.ShopSink;
import dev.longview.lab.shop.ShopSummary;
import dev.longview.store.EventStore;
import dev.longview.store.StoreCounts;
import dev.longview.store.StoreWriter;
import dev.longview.store.WriteSummary;
import dev.longview.pipeline.ModelSet;
import dev.longview.pipeline.PipelineConfig;
import dev.longview.server.LongviewServer;
import dev.longview.server.ServerConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", description = {
    "Generate a deterministic synthetic shop (users who arrive, activate, buy, go dormant and come"
        + " back; items with categories, text and prices), import it, build the training snapshot,"
        + " train the models (ials, itemknn, pop) and start the server on it, printing the URL and"
        + " a curl line to try (Ctrl-C stops it).",
    "Needs no network and no data files. Running it twice imports nothing new.",
    "--no-serve (or --json) stops after training, for scripts."})
final class DemoCommand implements Runnable {
  static final String DEFAULT_DB = "longview-data/demo.db";

  @Mixin DatabaseOption database;
  @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})", defaultValue = "42")
  long seed;
  @Option(names = "--users", description = "simulated users (default: ${DEFAULT-VALUE})", defaultValue = "2000")
  int users;
  @Option(names = "--items", description = "catalogue size (default: ${DEFAULT-VALUE})", defaultValue = "500")
  int items;
  @Option(names = "--days", description = "simulated days (default: ${DEFAULT-VALUE})", defaultValue = "180")
  int days;
  @Option(names = "--json", description = "print one JSON object (implies --no-serve)") boolean json;
  @Option(names = "--no-serve", description = "stop after training instead of starting the server")
  boolean noServe;
  @Option(names = "--port", description = "server port (default: ${DEFAULT-VALUE}; 0 = any free one)",
      defaultValue = "8080")
  int port;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    ShopConfig config = ShopConfig.defaults().withSeed(seed).withUsers(users).withItems(items)
        .withPeriod(ShopConfig.defaults().startDate(), days, ShopConfig.defaults().zone());
    String location = database.locationOr(DEFAULT_DB);
    noServe |= json;
    long start = System.nanoTime();
    try (EventStore store = EventStore.open(location)) {
      ShopSummary summary;
      WriteSummary written;
      try (StoreWriter writer = store.writer();
          Progress progress = Progress.of("demo", !json, "users", 1)) {
        summary = new ShopGenerator(config).generate(new ShopSink() {
          @Override
          public void user(User user) {
            writer.putUser(user);
          }

          @Override
          public void item(Item item) {
            writer.putItem(item);
          }

          @Override
          public void event(Event event) {
            writer.addEvent(event);
          }
        });
        progress.update(users, users);
        written = writer.commit();
      }
      double importSeconds = (System.nanoTime() - start) / 1e9;
      long snapStart = System.nanoTime();
      InteractionSnapshot snapshot = store.snapshot();
      double snapshotSeconds = (System.nanoTime() - snapStart) / 1e9;
      StoreCounts totals = store.counts();
      if (json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("database", location);
        o.put("seed", seed);
        o.put("generated", Map.of("users", summary.users(), "items", summary.items(),
            "events", summary.events(), "orders", summary.orders(),
            "revenue", summary.revenue(), "repeatBuyers", summary.repeatBuyers()));
        o.put("imported", written.eventsStored());
        o.put("duplicates", written.duplicates());
        o.put("eventsByType", summary.eventsByType());
        o.put("truth", summary.truth());
        o.put("users", totals.users());
        o.put("items", totals.items());
        o.put("events", totals.events());
        o.put("interactions", snapshot.size());
        o.put("bytesPerInteraction", Output.round(snapshot.bytesPerInteraction(), 3));
        o.put("importSeconds", Output.round(importSeconds, 3));
        o.put("snapshotSeconds", Output.round(snapshotSeconds, 3));
        Output.json(out, o);
        return;
      }
      out.println("Longview demo: a synthetic shop (seed " + seed + ")");
      out.println(summary.describe());
      out.printf("%nimported into %s: %s new events, %s already there (%.2f s)%n", location,
          Output.count(written.eventsStored()), Output.count(written.duplicates()), importSeconds);
      out.printf("store holds %s users, %s items, %s events from %s to %s%n",
          Output.count(totals.users()), Output.count(totals.items()), Output.count(totals.events()),
          Output.time(totals.firstEvent()), Output.time(totals.lastEvent()));
      out.printf("training snapshot: %s interactions, %.2f bytes each, built in %.2f s%n",
          Output.count(snapshot.size()), snapshot.bytesPerInteraction(), snapshotSeconds);
      if (noServe) {
        long trainStart = System.nanoTime();
        ModelSet models = ModelSet.train(snapshot, PipelineConfig.defaults(), 42);
        out.printf("trained %s in %.2f s%n", models.statuses().stream()
            .map(st -> st.model() + " (" + st.state() + ")").toList(),
            (System.nanoTime() - trainStart) / 1e9);
        out.println();
        out.println("next: ./longview stats --db " + location);
        out.println("serve it: ./longview serve --db " + location + " --port 8080");
        return;
      }
      serve(out, store, location, snapshot);
    }
  }

  /** Starts the server on the demo store, prints how to try it, and runs until Ctrl-C. */
  private void serve(PrintWriter out, EventStore store, String location,
      InteractionSnapshot snapshot) {
    CountDownLatch stopping = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.countDown();
      try {
        closed.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "longview-demo-shutdown"));
    LongviewServer server;
    try {
      server = LongviewServer.start(store, ServerConfig.defaults().withPort(port));
    } catch (IllegalStateException e) {
      throw new UserError(e.getMessage() + " (--port, or --no-serve to skip the server)");
    }
    try (server) {
      out.println();
      out.println("training the models and starting the server on " + server.url() + " ...");
      out.flush();
      out.println("model " + server.awaitModel(Duration.ofHours(1)));
      String user = snapshot.userCount() > 0 ? snapshot.userId(0) : "someone";
      String item = snapshot.itemCount() > 0 ? snapshot.itemId(0) : "something";
      out.println("Longview server listening on " + server.url() + " (database " + location
          + ", no API keys: loopback only)");
      out.println("  try: curl '" + server.url() + "/api/v1/recommend/" + user + "?n=5'");
      out.println("       curl '" + server.url() + "/api/v1/items/" + item + "/similar?n=5'");
      out.println("  API description: " + server.url() + "/openapi.yaml; stop with Ctrl-C");
      out.flush();
      stopping.await();
      out.println("stopping...");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      out.println("stopped");
      out.flush();
      closed.countDown();
    }
  }
}
