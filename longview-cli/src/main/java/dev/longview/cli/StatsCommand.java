package dev.longview.cli;

import dev.longview.store.EventStore;
import dev.longview.store.StoreCounts;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "stats", description = "Totals, time range and events by type.")
final class StatsCommand implements Runnable {
  @Mixin DatabaseOption database;
  @Option(names = "--json", description = "Print one JSON object.") boolean json;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    try (EventStore store = database.openExisting()) {
      StoreCounts c = store.counts();
      if (json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("database", database.location());
        o.put("dialect", store.dialect());
        o.put("users", c.users());
        o.put("items", c.items());
        o.put("events", c.events());
        o.put("firstEvent", c.firstEvent() == null ? null : c.firstEvent().toString());
        o.put("lastEvent", c.lastEvent() == null ? null : c.lastEvent().toString());
        o.put("eventsByType", c.eventsByType());
        Output.json(out, o);
        return;
      }
      out.printf("database     %s (%s)%n", database.location(), store.dialect());
      out.printf("users        %s%n", Output.count(c.users()));
      out.printf("items        %s%n", Output.count(c.items()));
      out.printf("events       %s%n", Output.count(c.events()));
      out.printf("first event  %s%n", Output.time(c.firstEvent()));
      out.printf("last event   %s%n", Output.time(c.lastEvent()));
      if (!c.eventsByType().isEmpty()) {
        out.println("events by type:");
        c.eventsByType().forEach((type, n) -> out.printf("  %-14s %12s%n", type, Output.count(n)));
      }
    }
  }
}
