package dev.longview.cli;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.store.EventStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "snapshot",
    description = "Build the in-memory training snapshot from the store and report its size and build time.")
final class SnapshotCommand implements Runnable {
  @Mixin DatabaseOption database;
  @Option(names = "--json", description = "Print one JSON object.") boolean json;
  @Option(names = "--repeat", defaultValue = "1",
      description = "Build this many times and report each time (the first includes JIT warm-up).")
  int repeat;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    if (repeat < 1) {
      throw new UserError("--repeat must be at least 1, got " + repeat);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (EventStore store = database.openExisting()) {
      double[] seconds = new double[repeat];
      InteractionSnapshot s = null;
      for (int r = 0; r < repeat; r++) {
        long start = System.nanoTime();
        s = store.snapshot();
        seconds[r] = (System.nanoTime() - start) / 1e9;
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("users", s.userCount());
      o.put("items", s.itemCount());
      o.put("interactions", s.size());
      o.put("interactionBytes", s.interactionBytes());
      o.put("bytesPerInteraction", Output.round(s.bytesPerInteraction(), 3));
      o.put("seconds", java.util.Arrays.stream(seconds).map(x -> Output.round(x, 3)).boxed().toList());
      if (json) {
        Output.json(out, o);
      } else {
        out.printf("users %s, items %s, interactions %s%n", Output.count(s.userCount()),
            Output.count(s.itemCount()), Output.count(s.size()));
        out.printf("%.2f bytes per interaction (%s bytes)%n", s.bytesPerInteraction(),
            Output.count(s.interactionBytes()));
        for (int r = 0; r < repeat; r++) {
          out.printf("build %d: %.3f s%n", r + 1, seconds[r]);
        }
      }
    }
  }
}
