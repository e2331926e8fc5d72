package dev.longview.deep;

import dev.longview.algorithms.Algorithms;
import dev.longview.algorithms.Param;
import dev.longview.algorithms.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Registers the sequential models in the algorithm registry ({@link Algorithms}): {@code sasrec}
 * and {@code gru4rec}. Core and algorithms do not depend on this module (nor on DJL), so whoever
 * assembles the application (the CLI) calls {@link #registerAll} once at start-up, explicitly.
 */
public final class DeepAlgorithms {
  private DeepAlgorithms() {}

  /** Registers the models without progress output. */
  public static void registerAll() {
    registerAll(null);
  }

  /**
   * Registers {@code sasrec} and {@code gru4rec}.
   *
   * @param progress receives training progress (one line per epoch); may be null
   */
  public static void registerAll(Consumer<String> progress) {
    // Defaults chosen on the P2 validation split of ml-100k (BENCHMARKS.md, "Sequential models").
    // loss: softmax (full, the default), sampled (softmax over the target and `negatives` uniform
    // items shared by a batch) or bce (one negative per position, as in the SASRec paper).
    Algorithms.register("sasrec", ordered("dim", "64", "layers", "2", "heads", "1", "max_len", "50",
            "dropout", "0.2", "learning_rate", "0.001", "l2", "0", "batch_size", "64",
            "epochs", "200", "patience", "10", "loss", "softmax", "negatives", "256"),
        space(), (p, seed) -> new SequenceTrainer(config(SequenceConfig.Architecture.SASREC, p, seed), progress));
    Algorithms.register("gru4rec", ordered("dim", "64", "layers", "1", "max_len", "50",
            "dropout", "0.2", "learning_rate", "0.001", "l2", "0", "batch_size", "64",
            "epochs", "200", "patience", "10", "loss", "softmax", "negatives", "256"),
        space(), (p, seed) -> new SequenceTrainer(config(SequenceConfig.Architecture.GRU4REC, p, seed), progress));
  }

  private static final List<String> LOSSES = List.of("softmax", "sampled", "bce");

  private static List<Param> space() {
    return List.of(new Param("dim", 32, 128, true, true), new Param("dropout", 0, 0.5, false, false),
        new Param("learning_rate", 3e-4, 3e-3, true, false), new Param("max_len", 20, 200, true, true));
  }

  static SequenceConfig config(SequenceConfig.Architecture a, Params p, long seed) {
    int heads = a == SequenceConfig.Architecture.SASREC ? p.integer("heads") : 1;
    return new SequenceConfig(a, p.integer("dim"), p.integer("layers"), heads,
        p.integer("max_len"), p.real("dropout"), p.real("learning_rate"), p.real("l2"),
        p.integer("batch_size"), p.integer("epochs"), p.integer("patience"), seed,
        SequenceConfig.Loss.ofParameter(p.choice("loss", LOSSES)), p.integer("negatives"));
  }

  private static Map<String, String> ordered(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int k = 0; k < keyValues.length; k += 2) {
      m.put(keyValues[k], keyValues[k + 1]);
    }
    return m;
  }
}
