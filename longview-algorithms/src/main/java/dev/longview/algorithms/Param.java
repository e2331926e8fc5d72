package dev.longview.algorithms;

/**
 * One tunable hyperparameter and the range a search draws it from.
 *
 * @param name the parameter's name as given with {@code --param name=value}
 * @param min smallest value searched
 * @param max largest value searched
 * @param logScale draw uniformly in log space (for rates and regularisation)
 * @param integer round to a whole number
 */
public record Param(String name, double min, double max, boolean logScale, boolean integer) {
  public Param {
    if (!(min <= max) || (logScale && min <= 0)) {
      throw new IllegalArgumentException("parameter " + name + " has range [" + min + ", " + max
          + "]; use min <= max, and min > 0 on a log scale");
    }
  }
}
