package dev.longview.retention;

/**
 * What the re-ranker knows about each item of one model generation, by the snapshot's dense item
 * index: its category (-1 when none), long-term value and gateway value (from
 * {@link LongTermValues}), and the spread that puts values on a common scale. Built once per
 * retrain; immutable by convention (the arrays are not copied) and safe to share across threads.
 *
 * @param valueScale the values' standard deviation; 0 means nothing is learnt yet and the
 *     re-ranker then ignores the values
 */
public record ItemSignals(int[] category, double[] value, double[] gateway, double valueScale) {
  public ItemSignals {
    if (category.length != value.length || value.length != gateway.length) {
      throw new IllegalArgumentException("category, value and gateway arrays differ in length: "
          + category.length + ", " + value.length + ", " + gateway.length);
    }
  }

  /** Signals for {@code items} items in the given categories with no long-term values. */
  public static ItemSignals categoriesOnly(int[] category) {
    return new ItemSignals(category, new double[category.length], new double[category.length], 0);
  }

  public int itemCount() {
    return category.length;
  }
}
