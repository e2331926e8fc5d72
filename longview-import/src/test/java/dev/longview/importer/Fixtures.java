package dev.longview.importer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny fixture files for the tests. */
final class Fixtures {
  private Fixtures() {}

  static Path write(Path dir, String name, String text) {
    return write(dir, name, text, StandardCharsets.UTF_8);
  }

  static Path write(Path dir, String name, String text, Charset charset) {
    try {
      return Files.write(dir.resolve(name), text.getBytes(charset));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path writeGzip(Path dir, String name, byte[] content) {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Runs an import into a fresh recording writer, returning both. */
  static Result run(ImportRequest request) {
    RecordingStoreWriter writer = new RecordingStoreWriter();
    try (writer) {
      ImportReport report = Importer.run(request, writer, ProgressListener.NONE);
      return new Result(report, writer);
    }
  }

  record Result(ImportReport report, RecordingStoreWriter writer) {}
}
