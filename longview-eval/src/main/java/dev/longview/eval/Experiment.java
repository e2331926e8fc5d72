package dev.longview.eval;

import dev.longview.core.model.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The whole offline protocol for one model, over several seeds: per seed, split the dataset; when
 * tuning, run a seeded random search on the validation part (trial 0 is the given parameters, so
 * tuning never picks something worse on valid than the defaults) and keep the best model; then
 * evaluate that model once on the test part. Training always uses the training part only; testing
 * excludes training and validation items (PROTOCOLS.md: "Tune on valid, report test").
 *
 * <p>Stateless; one call runs one experiment on the caller's thread (evaluation uses the
 * configured worker threads).
 */
public final class Experiment {
  private Experiment() {}

  /**
   * @param params fixed parameters (never searched); empty for the trainer's defaults
   * @param space dimensions a search may vary (those named in {@code params} are left out)
   * @param progress receives one line per step, e.g. for standard error; may be null
   */
  public static ExperimentResult run(Dataset data, Splitter splitter, TrainerFactory factory,
      Map<String, String> params, List<SearchDimension> space, ExperimentConfig config,
      Consumer<String> progress) {
    Consumer<String> log = progress == null ? s -> {} : progress;
    Evaluator evaluator = new Evaluator(config.ks(), config.threads());
    List<ExperimentResult.SeedRun> runs = new ArrayList<>();
    for (long seed : config.seeds()) {
      Split split = splitter.split(data, seed);
      log.accept("seed " + seed + ": train " + split.train().size() + ", valid " + split.valid().size()
          + ", test " + split.test().size() + " interactions");
      List<Map<String, String>> trials = trials(params, space, config.tuneTrials(), seed);
      Map<String, String> best = trials.get(0);
      Model bestModel = null;
      double bestTrain = 0;
      double bestValid = Double.NaN;
      for (int t = 0; t < trials.size(); t++) {
        long start = System.nanoTime();
        Model model = factory.create(trials.get(t), seed).train(split.train());
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        if (trials.size() == 1) {
          bestModel = model;
          bestTrain = trainSeconds;
          break;
        }
        double v = evaluator.evaluate(model, split, Evaluator.Target.VALID).mean(config.objective());
        log.accept(String.format(java.util.Locale.ROOT, "seed %d trial %d/%d %s: valid %s %.4f",
            seed, t + 1, trials.size(), trials.get(t), config.objective(), v));
        if (bestModel == null || v > bestValid) {
          best = trials.get(t);
          bestModel = model;
          bestTrain = trainSeconds;
          bestValid = v;
        }
      }
      Report test = evaluator.evaluate(bestModel, split, Evaluator.Target.TEST);
      log.accept(String.format(java.util.Locale.ROOT, "seed %d: test %s %.4f (%d users in %.2f s)",
          seed, config.objective(), test.mean(config.objective()), test.users(), test.seconds()));
      runs.add(new ExperimentResult.SeedRun(seed, best, bestTrain, bestValid, test));
    }
    return new ExperimentResult(runs);
  }

  /** Trial 0 = the given parameters; then draws over the free dimensions with Random(seed). */
  static List<Map<String, String>> trials(Map<String, String> params, List<SearchDimension> space,
      int budget, long seed) {
    Map<String, String> given = params == null ? Map.of() : params;
    List<Map<String, String>> out = new ArrayList<>();
    out.add(Map.copyOf(given));
    List<SearchDimension> free = space == null ? List.of()
        : space.stream().filter(d -> !given.containsKey(d.name())).toList();
    if (free.isEmpty()) {
      return out;
    }
    Random random = new Random(seed);
    for (int t = 1; t < budget; t++) {
      Map<String, String> m = new LinkedHashMap<>(given);
      for (SearchDimension d : free) {
        m.put(d.name(), d.draw(random));
      }
      out.add(m);
    }
    return out;
  }
}
