package dev.longview.cli;

import dev.longview.importer.BadRowException;
import dev.longview.importer.ImportReport;
import dev.longview.importer.ImportRequest;
import dev.longview.importer.Importer;
import dev.longview.importer.RejectedRow;
import dev.longview.store.EventStore;
import dev.longview.store.StoreCounts;
import dev.longview.store.StoreWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import", description = {
    "Import a dataset into the store, in one transaction.",
    "Formats: movielens-100k, movielens-1m, movielens-latest, online-retail, events-csv, events-jsonl.",
    "Bad rows are skipped and counted by reason (listed in a rejects file), or with --strict the"
        + " first one aborts the import and nothing is written.",
    "Exit codes: 0 done, 2 bad input, 3 database."})
final class ImportCommand implements Callable<Integer> {
  @Mixin DatabaseOption database;
  @Option(names = "--format", required = true, paramLabel = "F", description = "input format (see above)")
  String format;
  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "file to import (.gz read transparently), or the MovieLens folder")
  Path input;
  @Option(names = "--strict", description = "abort on the first bad row; nothing is written")
  boolean strict;
  @Option(names = "--json", description = "print one JSON object with the counts")
  boolean json;
  @Option(names = "--rejects", paramLabel = "FILE",
      description = "where to list rejected rows (CSV); default longview-data/rejects/<format>-<time>.csv")
  Path rejects;
  @Option(names = "--map", paramLabel = "NAME=COLUMN,...",
      description = "events-csv/-jsonl: column names of the file, e.g. user_id=customer,item_id=sku,timestamp=ts")
  String map;
  @Option(names = "--default-type", paramLabel = "TYPE",
      description = "events-csv/-jsonl: event type of rows that have none")
  String defaultType;
  @Option(names = "--dry-run",
      description = "read and check the whole file, report what would be imported, write nothing")
  boolean dryRun;
  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "time zone of times written without an offset (default: ${DEFAULT-VALUE})")
  String zone;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new UserError("--zone \"" + zone + "\" is not a time zone; use e.g. UTC, Europe/London or +01:00");
    }
    if (!Importer.formats().contains(format)) {
      throw new UserError("unknown import format \"" + format + "\"; use one of "
          + String.join(", ", Importer.formats()));
    }
    if (!java.nio.file.Files.exists(input)) {
      throw new UserError("input " + input + " does not exist; pass the " + format
          + " file or the folder that holds it");
    }
    Path rejectsFile = rejects != null ? rejects : Path.of("longview-data", "rejects",
        format + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv");
    try (EventStore store = database.open()) {
      ImportRequest request = new ImportRequest(format, input, strict, rejectsFile,
          ImportRequest.parseColumns(map), defaultType, zoneId, store.eventTypes());
      ImportReport report;
      try (StoreWriter writer = dryRun ? new DryRunWriter(store.eventTypes()) : store.writer();
          Progress progress = Progress.of("import " + format, !json, "MB", 1 << 20)) {
        report = Importer.run(request, writer, progress::update);
      } catch (BadRowException e) {
        err.println("error: " + e.getMessage());
        err.println("nothing was imported (--strict stops at the first bad row; without it bad rows are skipped and listed)");
        return 2;
      } catch (java.io.UncheckedIOException e) {
        throw new UserError(e.getMessage());
      }
      StoreCounts totals = store.counts();
      if (json) {
        Map<String, Object> o = toJson(report, totals);
        if (dryRun) {
          o.put("dryRun", true);
        }
        Output.json(out, o);
      } else {
        print(out, report, totals);
        if (dryRun) {
          out.println("dry run: nothing was written (duplicates of stored events are not detected in a dry run)");
        }
      }
      return 0;
    }
  }

  static Map<String, Object> toJson(ImportReport r, StoreCounts totals) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("format", r.format());
    o.put("input", r.input().toString());
    o.put("read", r.read());
    o.put("imported", r.imported());
    o.put("duplicates", r.duplicates());
    o.put("rejected", r.rejected());
    o.put("rejectedByReason", r.rejectedByReason());
    List<Map<String, Object>> examples = new ArrayList<>();
    for (RejectedRow x : r.examples()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("file", x.file());
      e.put("line", x.line());
      e.put("reason", x.reason());
      e.put("message", x.message());
      examples.add(e);
    }
    o.put("examples", examples);
    o.put("rejectsFile", r.rejectsFile() == null ? null : r.rejectsFile().toString());
    o.put("users", totals.users());
    o.put("items", totals.items());
    o.put("events", totals.events());
    o.put("seconds", Output.round(r.seconds(), 3));
    return o;
  }

  private static void print(PrintWriter out, ImportReport r, StoreCounts totals) {
    out.printf("imported %s: %s rows read, %s events imported, %s duplicates, %s rejected in %.2f s (%s rows/s)%n",
        r.input(), Output.count(r.read()), Output.count(r.imported()), Output.count(r.duplicates()),
        Output.count(r.rejected()), r.seconds(),
        Output.count(r.seconds() > 0 ? Math.round(r.read() / r.seconds()) : 0));
    if (r.rejected() > 0) {
      out.println("rejected rows by reason:");
      r.rejectedByReason().forEach((reason, n) -> out.printf("  %-22s %10s%n", reason, Output.count(n)));
      out.println("first examples:");
      for (RejectedRow x : r.examples()) {
        out.printf("  %s %s%n", x.file(), x.message());
      }
      if (r.rejectsFile() != null) {
        out.println("all rejected rows are listed in " + r.rejectsFile());
      }
    }
    out.printf("store now holds %s users, %s items, %s events%n", Output.count(totals.users()),
        Output.count(totals.items()), Output.count(totals.events()));
  }
}
