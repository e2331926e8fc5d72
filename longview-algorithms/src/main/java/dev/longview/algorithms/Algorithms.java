package dev.longview.algorithms;

import dev.longview.core.model.Trainer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The explicit registry of algorithms: name to defaults, search space and trainer factory. No
 * classpath scanning: to add an algorithm, add one {@link #register} line.
 */
public final class Algorithms {
  /** Builds a trainer from checked parameters and a seed. */
  interface Factory {
    Trainer create(Params params, long seed);
  }

  private record Entry(Map<String, String> defaults, List<Param> searchSpace, Factory factory) {}

  private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

  static {
    register("pop", Map.of(), List.of(), (p, seed) -> new MostPopular());
  }

  private Algorithms() {}

  private static void register(String name, Map<String, String> defaults, List<Param> space,
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
