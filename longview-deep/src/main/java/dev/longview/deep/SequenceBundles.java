package dev.longview.deep;

import dev.longview.algorithms.bundle.BundleManifest;
import dev.longview.algorithms.bundle.ModelBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Loads a sequential model ({@code sasrec}, {@code gru4rec}) from a model bundle written by
 * {@code ./longview train}: its manifest, its item ids ({@code items.txt}, dense index = line - 1)
 * and the network ({@link DeepSequenceModel#load}). The server maps the bundle's item indices to
 * those of its own snapshot through the item ids, so the bundle may be older than the data served.
 */
public final class SequenceBundles {
  /** The algorithms whose bundles this loads. */
  public static final Set<String> ALGORITHMS = Set.of("sasrec", "gru4rec");

  private SequenceBundles() {}

  /**
   * A loaded sequential bundle. Close it to free the network's native memory.
   *
   * @param dir the version folder it was read from
   * @param manifest its {@code bundle.json}
   * @param model the network
   * @param itemIds external item id of each of the model's item indices
   */
  public record Loaded(Path dir, BundleManifest manifest, DeepSequenceModel model,
      List<String> itemIds) implements AutoCloseable {
    /** "sasrec v3 (models/sasrec/v3)": for logs and the serve command's output. */
    public String describe() {
      return manifest.name() + " v" + manifest.version() + " (" + manifest.algorithm() + ", "
          + itemIds.size() + " items, " + dir + ")";
    }

    @Override
    public void close() {
      model.close();
    }
  }

  /**
   * Loads {@code path}: a bundle version folder ({@code MODELS_DIR/NAME/vN}, holding
   * {@code bundle.json}) or a bundle name folder ({@code MODELS_DIR/NAME}, whose newest version is
   * taken).
   *
   * @throws IllegalArgumentException when the path holds no bundle, a bundle of another
   *     algorithm, or one whose item list does not match the model; the message says which
   * @throws IOException when a file cannot be read
   */
  public static Loaded load(Path path) throws IOException {
    Path dir = path;
    if (!Files.isRegularFile(path.resolve(ModelBundles.MANIFEST))) {
      if (!Files.isDirectory(path)) {
        throw new IllegalArgumentException(path + " does not exist; give a bundle folder such as"
            + " MODELS_DIR/sasrec or MODELS_DIR/sasrec/v1 (./longview train --model sasrec)");
      }
      Path parent = path.toAbsolutePath().getParent();
      dir = ModelBundles.latest(parent, path.getFileName().toString()).orElseThrow(() ->
          new IllegalArgumentException(path + " holds neither " + ModelBundles.MANIFEST
              + " nor any version folder vN; give a bundle written by ./longview train --model sasrec"));
    }
    BundleManifest manifest = ModelBundles.readManifest(dir);
    if (!ALGORITHMS.contains(manifest.algorithm())) {
      throw new IllegalArgumentException(dir + " holds a " + manifest.algorithm()
          + " model, not a sequential one; train one with ./longview train --model sasrec (or gru4rec)");
    }
    List<String> items = ModelBundles.readIds(dir, ModelBundles.ITEMS);
    DeepSequenceModel model = DeepSequenceModel.load(dir);
    if (model.itemCount() != items.size()) {
      model.close();
      throw new IllegalArgumentException(dir + ": the model knows " + model.itemCount()
          + " items but " + ModelBundles.ITEMS + " lists " + items.size()
          + "; the bundle is damaged: train again");
    }
    return new Loaded(dir, manifest, model, List.copyOf(items));
  }
}
