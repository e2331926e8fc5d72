package dev.longview.algorithms.bundle;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model (or any artefact that travels with one) that saves its own files into a model bundle.
 * Models that {@link dev.longview.algorithms.ModelFiles} can write need nothing more; a model that
 * lives outside that format (a DJL network, an ONNX encoder, a vocabulary) implements this, and
 * {@link ModelBundles#write} calls it with the bundle's still-private temporary directory, so its
 * files appear atomically with the rest of the bundle or not at all.
 */
public interface BundleContent {
  /**
   * Writes this artefact's files into {@code dir} (an empty-of-its-own-names directory that
   * {@link ModelBundles} will rename into place) and returns their names, relative to
   * {@code dir}, for the manifest. Must not write outside {@code dir}, nor use the names
   * {@value ModelBundles#MANIFEST}, {@value ModelBundles#MODEL_FILE}, {@value ModelBundles#USERS}
   * or {@value ModelBundles#ITEMS}.
   */
  java.util.List<String> writeTo(Path dir) throws IOException;
}
