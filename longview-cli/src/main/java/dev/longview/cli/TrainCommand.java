package dev.longview.cli;

import dev.longview.algorithms.Algorithms;
import dev.longview.algorithms.ProgressReporting;
import dev.longview.algorithms.bundle.BundleManifest;
import dev.longview.algorithms.bundle.ModelBundles;
import dev.longview.core.model.Model;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.importer.Importer;
import dev.longview.store.EventStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train", description = {
    "Train a registered model on the store's snapshot (or on a dataset file) and write it as a new"
        + " version of a model bundle: MODELS_DIR/NAME/vN/ with model.lvm, users.txt, items.txt"
        + " and bundle.json; MODELS_DIR/NAME/LATEST names the newest version (README, 'Model bundles').",
    "Exit codes: 0 done, 2 bad input or option, 3 database."})
final class TrainCommand implements Callable<Integer> {
  @Mixin DatabaseOption database;
  @Option(names = "--input", paramLabel = "PATH",
      description = "dataset file or folder, imported into a temporary store; or use --db")
  Path input;
  @Option(names = "--format", paramLabel = "F",
      description = "import format of --input (see `longview import --help`); detected for MovieLens folders")
  String format;
  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "algorithm name, e.g. lightgcn, ials")
  String model;
  @Option(names = "--param", paramLabel = "NAME=VALUE", description = "model parameter (repeatable)")
  Map<String, String> param = new LinkedHashMap<>();
  @Option(names = "--params", paramLabel = "K=V,..", split = ",", description = "model parameters, comma-separated")
  Map<String, String> params = new LinkedHashMap<>();
  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "training seed (default: ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--models-dir", defaultValue = "longview-data/models", paramLabel = "DIR",
      description = "where bundles go (default: ${DEFAULT-VALUE})")
  Path modelsDir;
  @Option(names = "--name", paramLabel = "NAME", description = "bundle name (default: the model name)")
  String name;
  @Option(names = "--json", description = "print the written bundle.json as one JSON object")
  boolean json;
  @Spec CommandSpec spec;
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> given = new LinkedHashMap<>(params);
    given.putAll(param);
    Trainer trainer = Algorithms.trainer(model, given, seed); // checks names and values first
    String bundleName = name != null ? name : model;
    Map<String, String> effective = new LinkedHashMap<>(Algorithms.defaults(model));
    effective.putAll(given);
    // Fail on a bad bundle name before spending time on training.
    BundleManifest.DataFingerprint none = new BundleManifest.DataFingerprint("", 0, 0, 0, null);
    new BundleManifest(bundleName, 0, model, effective, seed, Instant.EPOCH, 0, none, null, null);

    String source = input != null ? input.toString() : database.location();
    InteractionSnapshot snapshot = load(err);
    if (snapshot.size() == 0) {
      throw new UserError("the snapshot of " + source + " has no interactions; import events first");
    }
    err.printf(Locale.ROOT, "train: %s on %s users, %s items, %s interactions%n", model,
        Output.count(snapshot.userCount()), Output.count(snapshot.itemCount()),
        Output.count(snapshot.size()));
    long start = System.nanoTime();
    Model trained;
    if (trainer instanceof ProgressReporting reporting) {
      try (Progress bar = Progress.of("train " + model, !json, " epochs", 1)) {
        trained = reporting.train(snapshot, (done, total, note) -> bar.update(done, total));
      }
    } else {
      trained = trainer.train(snapshot);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    BundleManifest manifest = new BundleManifest(bundleName, 0, model, effective, seed,
        clock.instant(), Output.round(seconds, 3), ModelBundles.fingerprint(snapshot, source),
        null, null);
    BundleManifest written;
    try {
      written = ModelBundles.write(modelsDir, manifest, trained, snapshot);
    } finally {
      if (trained instanceof AutoCloseable native_) { // a DJL network: free its native memory
        try {
          native_.close();
        } catch (Exception e) {
          err.println("train: closing the model failed: " + e.getMessage());
        }
      }
    }
    Path dir = modelsDir.resolve(bundleName).resolve("v" + written.version());
    if (json) {
      out.println(Files.readString(dir.resolve(ModelBundles.MANIFEST)).strip());
    } else {
      out.printf(Locale.ROOT, "trained %s in %.1f s; wrote %s (version %d, %s)%n", model, seconds,
          dir, written.version(), String.join(", ", written.files()));
    }
    return 0;
  }

  /** The snapshot to train on: from --db, or --input imported into a temporary store. */
  private InteractionSnapshot load(PrintWriter err) {
    if (input != null && database.db != null) {
      throw new UserError("give either --input PATH or --db DB, not both");
    }
    if (input == null) {
      if (format != null) {
        throw new UserError("--format applies to --input only; the store (--db) needs none");
      }
      try (EventStore store = database.openExisting()) {
        return store.snapshot();
      }
    }
    DatasetSnapshots.requireExists(input);
    String f = format != null ? format : detectFormat(input);
    return DatasetSnapshots.of(input, f, "train", err);
  }

  /** MovieLens folders and files by their file names; anything else needs --format. */
  static String detectFormat(Path input) {
    Path dir = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
    String file = Files.isDirectory(input) ? "" : input.getFileName().toString();
    for (String[] known : new String[][] {{"ratings.dat", "movielens-1m"},
        {"u.data", "movielens-100k"}, {"ratings.csv", "movielens-latest"}}) {
      if (file.equals(known[0]) || (file.isEmpty() && Files.exists(dir.resolve(known[0])))) {
        return known[1];
      }
    }
    throw new UserError("cannot tell the format of " + input + "; name it with --format (one of "
        + String.join(", ", Importer.formats()) + ")");
  }

}
