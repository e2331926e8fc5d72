package dev.longview.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs a native library's loader with {@code java.io.tmpdir} pointed at a fresh directory that
 * belongs to this process alone.
 *
 * <p>Some bundled native libraries (lightgbm4j) extract themselves to {@code java.io.tmpdir}
 * under a fixed file name and overwrite that file on every load. Two JVMs on one machine (a
 * server retraining while a CLI command runs, two test forks) then rewrite a shared object that
 * the other has mapped, and the other dies with SIGBUS. Loading from a private directory removes
 * the shared file; the directory is deleted when the JVM exits (a mapped file stays valid after
 * its name is removed).
 *
 * <p>The property is changed only while {@code loader} runs, under this class's lock; code that
 * reads {@code java.io.tmpdir} on another thread at that moment would see the private directory,
 * which is harmless (it exists and is writable).
 */
public final class PrivateTempDir {
  private PrivateTempDir() {}

  /** An action that may throw, e.g. a library's {@code loadNative()}. */
  @FunctionalInterface
  public interface Loader {
    void load() throws Exception;
  }

  /**
   * Runs {@code loader} with {@code java.io.tmpdir} set to a new private directory named after
   * {@code prefix}, then restores the property.
   *
   * @throws IllegalStateException if the loader fails (its exception is the cause)
   */
  public static synchronized void run(String prefix, Loader loader) {
    String previous = System.getProperty("java.io.tmpdir");
    Path dir;
    try {
      dir = Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a private directory for " + prefix
          + " in " + previous + ": " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), prefix + "-cleanup"));
    System.setProperty("java.io.tmpdir", dir.toString());
    try {
      loader.load();
    } catch (Exception e) {
      throw new IllegalStateException("loading " + prefix + " from " + dir + " failed: " + e, e);
    } finally {
      System.setProperty("java.io.tmpdir", previous);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort at exit
    }
  }
}
