package dev.longview.algorithms;

import dev.longview.core.model.Trainer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The explicit registry of algorithms: name to defaults, search space and trainer factory. No
 * classpath scanning: to add an algorithm, add one {@link #register} line (here, or at start-up
 * from a module that core and algorithms must not depend on, e.g. {@code
 * dev.longview.deep.DeepAlgorithms.registerAll()}, which the CLI calls). Registration is meant for
 * start-up, before any lookup; it is not synchronised.
 */
public final class Algorithms {
  /** Builds a trainer from checked parameters and a seed. */
  public interface Factory {
    Trainer create(Params params, long seed);
  }

  private record Entry(Map<String, String> defaults, List<Param> searchSpace, Factory factory) {}

  private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

  // Defaults tuned on the P1 validation split (ml-1m, 10-core, seed 42; BENCHMARKS.md, section
  // "Candidate models") by small grid searches; test-split numbers are in the same section.
  static {
    register("pop", Map.of(), List.of(), (p, seed) -> new MostPopular());
    register("itemknn", ordered("k", "200", "shrink", "10"),
        List.of(new Param("k", 10, 1000, true, true), new Param("shrink", 0, 200, false, false)),
        (p, seed) -> new ItemKnnTrainer(p));
    register("userknn", ordered("k", "100", "shrink", "0"),
        List.of(new Param("k", 10, 1000, true, true), new Param("shrink", 0, 200, false, false)),
        (p, seed) -> new UserKnnTrainer(p));
    register("rp3beta", ordered("k", "200", "alpha", "0.8", "beta", "0.7"),
        List.of(new Param("k", 10, 1000, true, true), new Param("alpha", 0.1, 2, false, false),
            new Param("beta", 0, 1, false, false)),
        (p, seed) -> new Rp3BetaTrainer(p));
    register("ials", ordered("factors", "128", "iterations", "15", "reg", "0.01", "alpha0", "0.2",
            "nu", "1", "alpha", "1", "init_std", "0.1", "threads", "2", "cg_steps", "4"),
        List.of(new Param("factors", 16, 256, true, true),
            new Param("reg", 1e-4, 1, true, false), new Param("alpha0", 1e-3, 1, true, false),
            new Param("nu", 0, 1, false, false), new Param("iterations", 5, 30, false, true)),
        ImplicitAlsTrainer::new);
    // bpr: tuned on P1 valid with P1Bench (BENCHMARKS.md, "Candidate models"): 128 factors,
    // 200 epochs, a large step (0.2) decayed linearly to 0; lr 0.4 diverges.
    register("bpr", ordered("factors", "128", "epochs", "200", "learning_rate", "0.2", "reg",
            "0.01", "init_std", "0.1", "bias_reg", "0.01", "lr_decay", "1"),
        List.of(new Param("factors", 16, 256, true, true),
            new Param("learning_rate", 1e-2, 0.3, true, false),
            new Param("reg", 1e-3, 0.05, true, false), new Param("epochs", 20, 300, true, true),
            new Param("lr_decay", 0, 1, false, false)),
        BprTrainer::new);
    register("ease", ordered("lambda", "500"),
        List.of(new Param("lambda", 10, 10_000, true, false)),
        (p, seed) -> new EaseTrainer(p));
    // lightgcn: tuned on P1 valid with P1Bench (BENCHMARKS.md, "LightGCN").
    register("lightgcn", ordered("factors", "64", "layers", "3", "epochs", "500", "batches", "1",
            "learning_rate", "0.1", "reg", "0.001", "init_std", "0.1", "valid_fraction", "0.1",
            "eval_every", "10", "patience", "5", "threads", "2"),
        List.of(new Param("factors", 16, 256, true, true), new Param("layers", 1, 4, false, true),
            new Param("learning_rate", 1e-3, 0.1, true, false),
            new Param("reg", 1e-6, 1e-2, true, false)),
        LightGcnTrainer::new);
  }

  private Algorithms() {}

  private static Map<String, String> ordered(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int k = 0; k < keyValues.length; k += 2) {
      m.put(keyValues[k], keyValues[k + 1]);
    }
    return m;
  }

  /**
   * Adds (or replaces) algorithm {@code name}: its tuned defaults (every parameter it reads, in
   * declaration order), the dimensions a search varies, and its factory.
   */
  public static void register(String name, Map<String, String> defaults, List<Param> space,
      Factory factory) {
    REGISTRY.put(name, new Entry(Collections.unmodifiableMap(new LinkedHashMap<>(defaults)),
        List.copyOf(space), factory));
  }

  /** Names of the known algorithms, in registration order. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(REGISTRY.keySet());
  }

  /**
   * A trainer for {@code name} with {@code params} (text values; missing ones take the tuned
   * defaults) and {@code seed}.
   *
   * @throws IllegalArgumentException for an unknown algorithm or parameter, or a bad value; the
   *     message lists what is known
   */
  public static Trainer trainer(String name, Map<String, String> params, long seed) {
    Entry e = entry(name);
    return e.factory().create(new Params(name, params, e.defaults()), seed);
  }

  /** The tuned default parameters of {@code name}, in declaration order. */
  public static Map<String, String> defaults(String name) {
    return entry(name).defaults();
  }

  /** The parameters a hyperparameter search varies for {@code name}; empty when none. */
  public static List<Param> searchSpace(String name) {
    return entry(name).searchSpace();
  }

  private static Entry entry(String name) {
    Entry e = REGISTRY.get(name);
    if (e == null) {
      throw new IllegalArgumentException("unknown model \"" + name + "\"; use one of "
          + String.join(", ", REGISTRY.keySet()));
    }
    return e;
  }
}
