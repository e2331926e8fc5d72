package dev.longview.pipeline;

import dev.longview.algorithms.Algorithms;
import dev.longview.algorithms.Params;
import dev.longview.rank.RankerConfig;
import dev.longview.rank.RankerModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Registers the whole pipeline as two models of the algorithm registry, so that {@code longview
 * eval} measures it with the same evaluator as a single model and {@code longview train} writes
 * it as a model bundle:
 *
 * <ul>
 *   <li>{@code pipeline}: the standard pipeline (chain ials -> itemknn -> pop and every recall
 *       source) ranked by the fixed blend;
 *   <li>{@code ranker}: the same pipeline ranked by a LambdaMART ranker trained on its own
 *       candidates ({@link PipelineRanker}); the bundle holds the ranker.
 * </ul>
 *
 * Core and algorithms do not depend on this module, so the application (the CLI) calls
 * {@link #registerAll} once at start-up, explicitly.
 */
public final class PipelineAlgorithms {
  private PipelineAlgorithms() {}

  /** Registers {@code pipeline} and {@code ranker} without progress output. */
  public static void registerAll() {
    registerAll(null);
  }

  /** Registers {@code pipeline} and {@code ranker}; {@code log} gets training progress or null. */
  public static void registerAll(Consumer<String> log) {
    Map<String, String> pipeline = ordered("retention", "1", "mmr_lambda", "0.85",
        "recall_limit", "100", "depth", "100");
    Algorithms.register("pipeline", pipeline, List.of(), (p, seed) -> snapshot -> {
      PipelineConfig config = config(p);
      return new PipelineModel(Pipeline.standard(config), ModelSet.train(snapshot, config, seed),
          null, p.integer("depth"));
    });
    Map<String, String> ranker = new LinkedHashMap<>(pipeline);
    ranker.putAll(ordered("holdout", "0.1", "holdout_latest", "1", "min_history", "5",
        "negatives", "50", "rounds", "300", "learning_rate", "0.05", "leaves", "31",
        "min_data_in_leaf", "50", "threads", "1"));
    Algorithms.register("ranker", ranker, List.of(), (p, seed) -> {
      PipelineConfig config = config(p);
      RankerConfig rc = new RankerConfig(p.integer("rounds"), p.real("learning_rate"),
          p.integer("leaves"), p.integer("min_data_in_leaf"), 0.9, 20, p.integer("threads"), seed);
      PipelineRanker.Config c = new PipelineRanker.Config(p.real("holdout"),
          flag(p, "holdout_latest"), p.integer("min_history"), p.integer("negatives"), rc);
      int depth = p.integer("depth");
      return snapshot -> {
        Pipeline pl = Pipeline.standard(config);
        TextEncoderFactory text = TextEncoderFactory.tfidf();
        RankerModel model = PipelineRanker.train(snapshot, pl, config, c, text, log);
        try {
          return new PipelineModel(pl, ModelSet.train(snapshot, config, Map.of(), seed, text,
              null, model), model, depth);
        } catch (RuntimeException | Error e) {
          model.close();
          throw e;
        }
      };
    });
  }

  private static PipelineConfig config(Params p) {
    return new PipelineConfig(null, p.integer("recall_limit"), 10, 7, null, p.real("mmr_lambda"),
        50, 20_000, 16, 100, 3, flag(p, "retention"));
  }

  private static boolean flag(Params p, String name) {
    int v = p.integer(name);
    if (v != 0 && v != 1) {
      throw new IllegalArgumentException("parameter " + name + " must be 0 or 1, got " + v);
    }
    return v == 1;
  }

  private static Map<String, String> ordered(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int k = 0; k < keyValues.length; k += 2) {
      m.put(keyValues[k], keyValues[k + 1]);
    }
    return m;
  }
}
