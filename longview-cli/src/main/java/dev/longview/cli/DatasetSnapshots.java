package dev.longview.cli;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.importer.ImportRequest;
import dev.longview.importer.Importer;
import dev.longview.importer.ProgressListener;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A training snapshot straight from a dataset file, for the commands that take {@code --input}
 * (eval, train): the file is imported into a throw-away SQLite store in a temporary folder,
 * snapshotted, and the folder deleted.
 */
final class DatasetSnapshots {
  private DatasetSnapshots() {}

  /**
   * Imports {@code input} (in import {@code format}) and returns its snapshot.
   *
   * @param command the command's name, for the progress line and the temporary folder's name
   * @throws UserError when the input is missing, the format unknown or the file unreadable
   */
  static InteractionSnapshot of(Path input, String format, String command, PrintWriter err) {
    requireExists(input);
    if (!Importer.formats().contains(format)) {
      throw new UserError("unknown import format \"" + format + "\"; use one of "
          + String.join(", ", Importer.formats()));
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("longview-" + command);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the " + command
          + " store", e);
    }
    try {
      try (EventStore store = EventStore.open(dir.resolve(command + ".db").toString())) {
        try (StoreWriter writer = store.writer()) {
          var report = Importer.run(ImportRequest.of(format, input), writer, ProgressListener.NONE);
          err.printf(Locale.ROOT, "%s: imported %s as %s: %s events, %s rejected%n", command, input,
              format, Output.count(report.imported()), Output.count(report.rejected()));
        } catch (UncheckedIOException e) {
          throw new UserError(e.getMessage());
        }
        return store.snapshot();
      }
    } finally {
      deleteQuietly(dir);
    }
  }

  /** @throws UserError when {@code input} does not exist (checked before its format is guessed) */
  static void requireExists(Path input) {
    if (!Files.exists(input)) {
      throw new UserError("input " + input + " does not exist; pass a dataset file or folder, e.g. ../shared/data/ml-1m");
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is harmless.
    }
  }
}
