package dev.longview.importer;

/**
 * Told how far an import has read its main input file, so that a caller can draw a progress bar.
 *
 * <p>Called from the importing thread, every few thousand rows and once at the end. For a gzip
 * file both numbers count compressed bytes (the position in the file on disk).
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = (bytesRead, totalBytes) -> {};

  /**
   * @param bytesRead bytes of the input file consumed so far
   * @param totalBytes size of the input file in bytes
   */
  void progress(long bytesRead, long totalBytes);
}
