package dev.longview.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one input format and hands users, items, events and rejected rows to an
 * {@link ImportContext}. A new reader is made for each import; it need not be thread-safe.
 */
interface FormatReader {

  /**
   * The main file to read for {@code input}, which may be a file or, for formats that have one,
   * the dataset's folder.
   *
   * @throws IllegalArgumentException when no suitable file is there, saying what was looked for
   */
  Path mainFile(Path input);

  /** Reads {@code mainFile} (and any side files beside it) into {@code context}. */
  void read(Path mainFile, ImportContext context) throws IOException;

  /** {@code input} itself when it is a regular file; else the first of {@code names} in it. */
  static Path fileOrFirstIn(Path input, String format, String... names) {
    if (Files.isRegularFile(input)) {
      return input;
    }
    if (!Files.isDirectory(input)) {
      throw new IllegalArgumentException("input " + input + " does not exist; pass the "
          + format + " file or the folder that holds it");
    }
    for (String name : names) {
      Path candidate = input.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("folder " + input + " has none of " + String.join(", ", names)
        + "; pass the " + format + " file itself with --input");
  }
}
