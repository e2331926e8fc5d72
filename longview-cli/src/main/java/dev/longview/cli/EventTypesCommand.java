package dev.longview.cli;

import dev.longview.core.EventType;
import dev.longview.core.EventType.Polarity;
import dev.longview.core.EventType.ValueMode;
import dev.longview.store.EventStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "event-types", description = "List or declare event types and their weights.",
    subcommands = {EventTypesCommand.ListTypes.class, EventTypesCommand.SetType.class})
final class EventTypesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", description = "List the store's event types.")
  static final class ListTypes implements Runnable {
    @Mixin DatabaseOption database;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      try (EventStore store = database.openExisting()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EventType t : store.eventTypes().all()) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("name", t.name());
          o.put("weight", t.weight());
          o.put("polarity", t.polarity().name().toLowerCase(java.util.Locale.ROOT));
          o.put("value", t.valueMode().name().toLowerCase(java.util.Locale.ROOT));
          o.put("itemRequired", t.itemRequired());
          rows.add(o);
        }
        if (json) {
          Output.json(out, rows);
          return;
        }
        out.printf("%-16s %7s  %-9s %-9s %s%n", "type", "weight", "polarity", "value", "item");
        for (Map<String, Object> r : rows) {
          out.printf("%-16s %7s  %-9s %-9s %s%n", r.get("name"), r.get("weight"), r.get("polarity"),
              r.get("value"), (Boolean) r.get("itemRequired") ? "required" : "optional");
        }
      }
    }
  }

  @Command(name = "set", description = "Add an event type or change one.")
  static final class SetType implements Runnable {
    @Mixin DatabaseOption database;
    @Parameters(paramLabel = "NAME", description = "lower-case name, e.g. share") String name;
    @Option(names = "--weight", required = true, description = "strength of the signal, >= 0") float weight;
    @Option(names = "--polarity", defaultValue = "positive",
        description = "positive, negative or neutral (default: ${DEFAULT-VALUE})") String polarity;
    @Option(names = "--value", defaultValue = "ignore",
        description = "how the event's value enters the weight: ignore, multiply or sign (default: ${DEFAULT-VALUE})")
    String value;
    @Option(names = "--item-optional", description = "events of this type need not name an item")
    boolean itemOptional;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      EventType t = new EventType(name, weight, parse(Polarity.class, "--polarity", polarity),
          parse(ValueMode.class, "--value", value), !itemOptional);
      try (EventStore store = database.open()) {
        store.putEventType(t);
      }
      spec.commandLine().getOut().println("event type \"" + name + "\" saved");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String option, String text) {
      try {
        return Enum.valueOf(type, text.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        List<String> names = new ArrayList<>();
        for (E c : type.getEnumConstants()) {
          names.add(c.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw new UserError(option + " \"" + text + "\" is not one of " + String.join(", ", names));
      }
    }
  }
}
