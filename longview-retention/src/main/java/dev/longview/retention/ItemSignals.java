package dev.longview.retention;

/**
 * What the re-ranker knows about each item of one model generation, by the snapshot's dense item
 * index: its category (-1 when none), long-term value and gateway value (from
 * {@link LongTermValues}), and the spread that puts values on a common scale; and each category's
 * long-term value. Built once per retrain; immutable by convention (the arrays are not copied)
 * and safe to share across threads.
 *
 * @param valueScale the values' standard deviation; 0 means nothing is learnt yet and the
 *     re-ranker then ignores the values
 * @param categoryValue each category's long-term value, like {@code value} relative to the
 *     global mean, by category index ({@link #categoryMeans}); empty when not known
 */
public record ItemSignals(int[] category, double[] value, double[] gateway, double valueScale,
    double[] categoryValue) {
  public ItemSignals {
    if (category.length != value.length || value.length != gateway.length) {
      throw new IllegalArgumentException("category, value and gateway arrays differ in length: "
          + category.length + ", " + value.length + ", " + gateway.length);
    }
  }

  /** Signals without category values. */
  public ItemSignals(int[] category, double[] value, double[] gateway, double valueScale) {
    this(category, value, gateway, valueScale, new double[0]);
  }

  /** Signals for {@code items} items in the given categories with no long-term values. */
  public static ItemSignals categoriesOnly(int[] category) {
    return new ItemSignals(category, new double[category.length], new double[category.length], 0);
  }

  /**
   * Each category's value as the mean of its items' values (items of every category alike, seen
   * or not: an unseen item carries its category's estimate). Not the estimator's category effect
   * ({@link LongTermValues#category}): the items' values also carry the surrogate index (session
   * continuation), which at low sensitivity ranks categories better. In the policy lab at tau 0.1
   * (seed 100, 2,000 users, the lab settings before the category plan) the Spearman correlation
   * of the category values with the topics' hidden click-bait was -0.75 on day 59 (-0.77 on day
   * 30) for these means against -0.60 (-0.60) for the category effect, and a category plan
   * admitting by them reached D30 0.4456 against 0.4343 on tuning seeds 100-104 (BENCHMARKS.md,
   * "Policy lab: a category plan").
   *
   * @param category each item's category (-1 when none)
   * @param categories how many categories there are
   */
  public static double[] categoryMeans(int[] category, double[] value, int categories) {
    double[] sum = new double[categories];
    int[] n = new int[categories];
    for (int i = 0; i < category.length; i++) {
      if (category[i] >= 0 && category[i] < categories) {
        sum[category[i]] += value[i];
        n[category[i]]++;
      }
    }
    for (int c = 0; c < categories; c++) {
      sum[c] = n[c] == 0 ? 0 : sum[c] / n[c];
    }
    return sum;
  }

  public int itemCount() {
    return category.length;
  }

  /** The category's value, 0 (the global mean) when not known. */
  public double categoryValue(int categoryIndex) {
    return categoryIndex >= 0 && categoryIndex < categoryValue.length
        ? categoryValue[categoryIndex] : 0;
  }
}
