package dev.longview.importer;

import dev.longview.store.StoreWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Imports a dataset file into a store: the entry point of {@code longview import}.
 *
 * <h2>Transaction contract</h2>
 * The caller opens the writer (one transaction) and closes it. {@link #run} adds everything to
 * it and, only when the whole input was read without an error, calls {@link StoreWriter#commit()}
 * itself (the report's imported and duplicate counts come from that commit). When it throws,
 * for a {@link BadRowException} in strict mode, an unreadable file or anything else, it has not
 * committed, and the caller's {@code close()} rolls everything back: a failed import writes
 * nothing.
 *
 * <pre>{@code
 * try (StoreWriter writer = store.writer()) {
 *   ImportReport report = Importer.run(request, writer, ProgressListener.NONE);
 * }
 * }</pre>
 *
 * <h2>Bad rows</h2>
 * By default a row that cannot be imported is skipped, counted by reason, kept as an example
 * (the first {@value #EXAMPLES_PER_REASON} of each reason) and written to the request's rejects
 * file. In strict mode the first one aborts the import.
 *
 * <h2>Formats</h2>
 * See {@link #formats()} and the format readers' documentation: movielens-100k, movielens-1m,
 * movielens-latest, online-retail, events-csv, events-jsonl. Every file may be gzip-compressed
 * (recognised by its first bytes) and may start with a UTF-8 byte order mark.
 */
public final class Importer {
  /** Rejected rows kept as examples in the report, per reason. */
  public static final int EXAMPLES_PER_REASON = 5;

  private static final Map<String, Supplier<FormatReader>> FORMATS = new LinkedHashMap<>();

  static {
    FORMATS.put("movielens-100k", MovieLens100kReader::new);
    FORMATS.put("movielens-1m", MovieLens1mReader::new);
    FORMATS.put("movielens-latest", MovieLensLatestReader::new);
    FORMATS.put("online-retail", OnlineRetailReader::new);
    FORMATS.put("events-csv", EventsCsvReader::new);
    FORMATS.put("events-jsonl", EventsJsonlReader::new);
    FORMATS.put("cdnow", CdnowReader::new);
  }

  private Importer() {}

  /** Names of the known formats, in documentation order. */
  public static Set<String> formats() {
    return Collections.unmodifiableSet(FORMATS.keySet());
  }

  /**
   * Reads the request's input into {@code writer} and commits it; see the class documentation
   * for the transaction contract.
   *
   * @param progress told how far the main file has been read; {@link ProgressListener#NONE} for none
   * @throws IllegalArgumentException for an unknown format, a missing input or a file whose
   *     header lacks a needed column
   * @throws BadRowException in strict mode, at the first bad row
   * @throws UncheckedIOException when a file cannot be read
   */
  public static ImportReport run(ImportRequest request, StoreWriter writer, ProgressListener progress) {
    Supplier<FormatReader> factory = FORMATS.get(request.format());
    if (factory == null) {
      throw new IllegalArgumentException("unknown import format \"" + request.format()
          + "\"; use one of " + String.join(", ", FORMATS.keySet()));
    }
    FormatReader reader = factory.get();
    Path mainFile = reader.mainFile(request.input());
    long start = System.nanoTime();
    try (ImportContext context = new ImportContext(request, writer, mainFile,
        progress == null ? ProgressListener.NONE : progress)) {
      reader.read(mainFile, context);
      return context.finish(start, request.format());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + mainFile + ": " + e.getMessage(), e);
    }
  }
}
