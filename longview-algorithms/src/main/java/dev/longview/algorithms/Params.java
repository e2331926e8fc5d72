package dev.longview.algorithms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Hyperparameters given as text (from the command line or a search), read with defaults and
 * checked: a name the algorithm does not know is an error that lists the ones it does.
 */
public final class Params {
  private final String algorithm;
  private final Map<String, String> given;
  private final Map<String, String> defaults;

  Params(String algorithm, Map<String, String> given, Map<String, String> defaults) {
    this.algorithm = algorithm;
    this.given = given == null ? Map.of() : Map.copyOf(given);
    this.defaults = defaults;
    for (String key : this.given.keySet()) {
      if (!defaults.containsKey(key)) {
        throw new IllegalArgumentException("model " + algorithm + " has no parameter \"" + key
            + "\"; its parameters are " + String.join(", ", defaults.keySet()));
      }
    }
  }

  private String text(String name) {
    String v = given.getOrDefault(name, defaults.get(name));
    if (v == null) {
      throw new IllegalStateException("model " + algorithm + " reads undeclared parameter " + name);
    }
    return v;
  }

  /** The value of {@code name} as a finite number; a clear error otherwise. */
  public double real(String name) {
    String v = text(name);
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parameter " + name + " of model " + algorithm
          + " must be a number, got \"" + v + "\"");
    }
  }

  /** The value of {@code name} as a whole number; a clear error otherwise. */
  public int integer(String name) {
    double d = real(name);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("parameter " + name + " of model " + algorithm
          + " must be a whole number, got \"" + text(name) + "\"");
    }
    return (int) d;
  }

  /**
   * The value of {@code name} as one of the given words (case-insensitive, returned in lower
   * case); a clear error listing them otherwise.
   */
  public String choice(String name, java.util.List<String> allowed) {
    String v = text(name).trim().toLowerCase(java.util.Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new IllegalArgumentException("parameter " + name + " of model " + algorithm
          + " must be one of " + String.join(", ", allowed) + ", got \"" + text(name) + "\"");
    }
    return v;
  }

  /** Every parameter with the value in force (given or default), in declaration order. */
  Map<String, String> effective() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String key : defaults.keySet()) {
      m.put(key, text(key));
    }
    return m;
  }

  Set<String> names() {
    return defaults.keySet();
  }
}
