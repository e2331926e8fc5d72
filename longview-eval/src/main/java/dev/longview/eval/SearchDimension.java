package dev.longview.eval;

/**
 * One hyperparameter a random search draws, uniformly in [min, max] (in log space when {@code
 * logScale}), rounded to a whole number when {@code integer}, else to 4 significant digits (so the chosen
 * parameters read well and can be passed back with {@code --param}).
 */
public record SearchDimension(String name, double min, double max, boolean logScale, boolean integer) {
  public SearchDimension {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a search dimension needs a parameter name");
    }
    if (!(min <= max) || (logScale && !(min > 0))) {
      throw new IllegalArgumentException("search range of " + name + " was [" + min + ", " + max
          + "]; use min <= max, and min > 0 on a log scale");
    }
  }

  /** A value drawn with {@code random}, as the text a trainer's parameters take. */
  String draw(java.util.Random random) {
    double u = random.nextDouble();
    double v = logScale ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
        : min + u * (max - min);
    if (integer) {
      return Long.toString(Math.max((long) Math.ceil(min), Math.min((long) Math.floor(max), Math.round(v))));
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros()
        .toPlainString();
  }
}
