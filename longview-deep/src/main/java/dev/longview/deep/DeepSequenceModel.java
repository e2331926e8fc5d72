package dev.longview.deep;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.longview.algorithms.bundle.BundleContent;
import dev.longview.core.model.SequenceModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * A trained SASRec- or GRU4Rec-style next-item model: the DJL network with its parameters, and
 * every user's training sequence (items in time order) so that {@link #score(int, float[])} can
 * score the item after it. {@link #scoreSequence} scores the item after any sequence of dense item
 * indices, e.g. a session's recent items.
 *
 * <p>Immutable after construction; scoring is thread-safe (each call runs the network in its own
 * DJL scope, without gradients). Holds native memory until {@link #close()}.
 *
 * <p>{@link #save(Path)} writes a directory: {@code model.properties} (format, architecture and
 * hyperparameters, counts, training summary), {@code network.params} (DJL's own parameter file of
 * the network) and {@code sequences.bin} (the training sequences, big-endian ints). {@link
 * #load(Path)} reads it back and scores exactly as before. As a {@link BundleContent} it writes the
 * same files into a model bundle ({@code ./longview train --model sasrec}); {@link SequenceBundles}
 * loads such a bundle.
 */
public final class DeepSequenceModel implements SequenceModel, BundleContent, AutoCloseable {
  /** The files {@link #save(Path)} writes, in that order. */
  public static final java.util.List<String> FILES =
      java.util.List.of("network.params", "sequences.bin", "model.properties");

  static final String FORMAT = "longview-sequence-model";
  static final int FORMAT_VERSION = 1;

  private final SequenceConfig config;
  private final int userCount;
  private final int itemCount;
  private final int[] userStart;
  private final int[] sequenceItems;
  private final TrainingSummary summary;
  private final NDManager manager;
  private final SequenceNet net;

  /**
   * What training did.
   *
   * @param epochs epochs run
   * @param bestEpoch the epoch whose parameters were kept (1-based)
   * @param validNdcg validation NDCG@10 of that epoch on the held-out last training items (NaN
   *     when no user had one)
   * @param seconds wall-clock training time
   */
  public record TrainingSummary(int epochs, int bestEpoch, double validNdcg, double seconds) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d epochs, best %d (valid NDCG@10 %.4f), %.1f s, %.2f s/epoch",
          epochs, bestEpoch, validNdcg, seconds, epochs == 0 ? 0 : seconds / epochs);
    }
  }

  DeepSequenceModel(SequenceConfig config, int userCount, int itemCount, int[] userStart,
      int[] sequenceItems, TrainingSummary summary, NDManager manager, SequenceNet net) {
    this.config = config;
    this.userCount = userCount;
    this.itemCount = itemCount;
    this.userStart = userStart;
    this.sequenceItems = sequenceItems;
    this.summary = summary;
    this.manager = manager;
    this.net = net;
    for (Parameter p : net.getParameters().values()) {
      p.getArray().setRequiresGradient(false); // inference only from here on
    }
  }

  /** The architecture and hyperparameters this model was trained with. */
  public SequenceConfig config() {
    return config;
  }

  /** Epochs, the kept epoch, its validation NDCG@10 and the training time. */
  public TrainingSummary trainingSummary() {
    return summary;
  }

  @Override
  public int userCount() {
    return userCount;
  }

  @Override
  public int itemCount() {
    return itemCount;
  }

  @Override
  public void score(int user, float[] scores) {
    if (user < 0 || user >= userCount) {
      throw new IllegalArgumentException("user " + user + " is outside 0.." + (userCount - 1));
    }
    checkScores(scores);
    scoreWindows(net, manager, new int[][] {sequenceOf(user)}, itemCount, scores);
  }

  @Override
  public void scoreSequence(int[] recentItems, float[] scores) {
    if (recentItems == null) {
      throw new IllegalArgumentException("recentItems is null; pass an empty array for no context");
    }
    for (int k = 0; k < recentItems.length; k++) {
      if (recentItems[k] < 0 || recentItems[k] >= itemCount) {
        throw new IllegalArgumentException("recentItems[" + k + "] was " + recentItems[k]
            + "; item indices must be in 0.." + (itemCount - 1));
      }
    }
    checkScores(scores);
    scoreWindows(net, manager, new int[][] {recentItems}, itemCount, scores);
  }

  private void checkScores(float[] scores) {
    if (scores == null || scores.length < itemCount) {
      throw new IllegalArgumentException("scores has length " + (scores == null ? "null" : scores.length)
          + "; it needs at least itemCount() = " + itemCount);
    }
  }

  /** The user's training items in time order (a copy). */
  public int[] sequenceOf(int user) {
    return Arrays.copyOfRange(sequenceItems, userStart[user], userStart[user + 1]);
  }

  /**
   * Scores of every item after each sequence, into {@code out} (row b at {@code b * itemCount});
   * each sequence is cut to its last {@code maxLength} items and left-padded.
   */
  static void scoreWindows(SequenceNet net, NDManager manager, int[][] sequences, int itemCount,
      float[] out) {
    int length = net.maxLength;
    long[] rows = new long[sequences.length * length];
    for (int b = 0; b < sequences.length; b++) {
      int[] s = sequences[b];
      int take = Math.min(length, s.length);
      for (int k = 0; k < take; k++) {
        rows[b * length + length - take + k] = s[s.length - take + k] + 1L;
      }
    }
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray input = manager.create(rows, new Shape(sequences.length, length));
      ParameterStore store = new ParameterStore(manager, false);
      NDArray hidden = net.forward(store, new NDList(input), false).head();
      NDArray last = hidden.get(":, -1, :");
      NDArray logits = last.matMul(net.items(store, input, false).transpose());
      float[] all = logits.toFloatArray(); // (B, itemCount + 1): row 0 of the table is padding
      int vocabulary = itemCount + 1;
      for (int b = 0; b < sequences.length; b++) {
        System.arraycopy(all, b * vocabulary + 1, out, b * itemCount, itemCount);
      }
    }
  }

  /**
   * Writes this model into {@code dir} (created if missing; files of the same names replaced).
   * Each file is written next to its final name and moved into place.
   */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    p.setProperty("format_version", Integer.toString(FORMAT_VERSION));
    p.setProperty("architecture", config.architecture().name());
    p.setProperty("users", Integer.toString(userCount));
    p.setProperty("items", Integer.toString(itemCount));
    p.setProperty("dim", Integer.toString(config.dim()));
    p.setProperty("layers", Integer.toString(config.layers()));
    p.setProperty("heads", Integer.toString(config.heads()));
    p.setProperty("max_len", Integer.toString(config.maxLength()));
    p.setProperty("dropout", Double.toString(config.dropout()));
    p.setProperty("learning_rate", Double.toString(config.learningRate()));
    p.setProperty("l2", Double.toString(config.l2()));
    p.setProperty("batch_size", Integer.toString(config.batchSize()));
    p.setProperty("epochs", Integer.toString(config.maxEpochs()));
    p.setProperty("patience", Integer.toString(config.patience()));
    p.setProperty("seed", Long.toString(config.seed()));
    p.setProperty("loss", config.loss().parameterName());
    p.setProperty("negatives", Integer.toString(config.negatives()));
    p.setProperty("trained_epochs", Integer.toString(summary.epochs()));
    p.setProperty("best_epoch", Integer.toString(summary.bestEpoch()));
    p.setProperty("valid_ndcg10", Double.toString(summary.validNdcg()));
    p.setProperty("train_seconds", Double.toString(summary.seconds()));
    write(dir.resolve("network.params"), out -> {
      DataOutputStream d = new DataOutputStream(out);
      net.saveParameters(d);
      d.flush();
    });
    write(dir.resolve("sequences.bin"), out -> {
      DataOutputStream d = new DataOutputStream(out);
      d.writeInt(userCount);
      d.writeInt(sequenceItems.length);
      for (int u = 0; u <= userCount; u++) {
        d.writeInt(userStart[u]);
      }
      for (int item : sequenceItems) {
        d.writeInt(item);
      }
      d.flush();
    });
    write(dir.resolve("model.properties"), out -> {
      Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
      p.store(w, "Longview sequential model");
      w.flush();
    });
  }

  /** Saves this model into a model bundle's temporary folder ({@link #save(Path)}). */
  @Override
  public java.util.List<String> writeTo(Path dir) throws IOException {
    save(dir);
    return FILES;
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private static void write(Path target, Body body) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
      body.write(out);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a model written by {@link #save(Path)}.
   *
   * @throws IOException when a file is missing or unreadable
   * @throws IllegalArgumentException when the directory holds something else or a newer format;
   *     the message names the file and the value
   */
  public static DeepSequenceModel load(Path dir) throws IOException {
    Path meta = dir.resolve("model.properties");
    if (!Files.isRegularFile(meta)) {
      throw new IllegalArgumentException(dir + " holds no model.properties; pass a directory written by DeepSequenceModel.save");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    if (!FORMAT.equals(p.getProperty("format"))) {
      throw new IllegalArgumentException(meta + ": format is \"" + p.getProperty("format")
          + "\", expected \"" + FORMAT + "\"");
    }
    int version = intOf(p, meta, "format_version");
    if (version > FORMAT_VERSION) {
      throw new IllegalArgumentException(meta + ": format_version " + version
          + " is newer than this Longview reads (" + FORMAT_VERSION + "); upgrade Longview");
    }
    SequenceConfig config;
    try {
      config = new SequenceConfig(
          SequenceConfig.Architecture.valueOf(p.getProperty("architecture", "")),
          intOf(p, meta, "dim"), intOf(p, meta, "layers"), intOf(p, meta, "heads"),
          intOf(p, meta, "max_len"), Double.parseDouble(p.getProperty("dropout")),
          Double.parseDouble(p.getProperty("learning_rate")), Double.parseDouble(p.getProperty("l2")),
          intOf(p, meta, "batch_size"), intOf(p, meta, "epochs"), intOf(p, meta, "patience"),
          Long.parseLong(p.getProperty("seed")),
          SequenceConfig.Loss.ofParameter(p.getProperty("loss", "softmax")), // absent before the option
          Integer.parseInt(p.getProperty("negatives", Integer.toString(SequenceConfig.DEFAULT_NEGATIVES))));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(meta + ": bad hyperparameters: " + e.getMessage(), e);
    }
    int users = intOf(p, meta, "users");
    int items = intOf(p, meta, "items");
    TrainingSummary summary = new TrainingSummary(intOf(p, meta, "trained_epochs"),
        intOf(p, meta, "best_epoch"), Double.parseDouble(p.getProperty("valid_ndcg10", "NaN")),
        Double.parseDouble(p.getProperty("train_seconds", "NaN")));
    int[] start;
    int[] seq;
    Path seqFile = dir.resolve("sequences.bin");
    try (DataInputStream d = new DataInputStream(new BufferedInputStream(Files.newInputStream(seqFile)))) {
      int u = d.readInt();
      int n = d.readInt();
      if (u != users || n < 0) {
        throw new IllegalArgumentException(seqFile + " holds " + u + " users and " + n
            + " items, but model.properties says " + users + " users");
      }
      start = new int[u + 1];
      for (int k = 0; k <= u; k++) {
        start[k] = d.readInt();
      }
      seq = new int[n];
      for (int k = 0; k < n; k++) {
        seq[k] = d.readInt();
        if (seq[k] < 0 || seq[k] >= items) {
          throw new IllegalArgumentException(seqFile + ": item " + seq[k] + " at position " + k
              + " is outside 0.." + (items - 1));
        }
      }
    }
    NDManager manager = Torch.newManager();
    try {
      SequenceNet net = SequenceTrainer.network(config, items + 1);
      try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve("network.params")))) {
        net.loadParameters(manager, new DataInputStream(in));
      } catch (MalformedModelException e) {
        throw new IllegalArgumentException(dir.resolve("network.params") + " does not match "
            + config.architecture() + " with the hyperparameters of model.properties: " + e.getMessage(), e);
      }
      return new DeepSequenceModel(config, users, items, start, seq, summary, manager, net);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static int intOf(Properties p, Path file, String key) {
    String v = p.getProperty(key);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": " + key + " is \"" + v + "\", expected a whole number");
    }
  }

  /** Frees the network's native memory; the model must not be used afterwards. */
  @Override
  public void close() {
    manager.close();
  }
}
