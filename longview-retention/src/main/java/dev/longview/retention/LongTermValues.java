package dev.longview.retention;

import java.util.Map;

/**
 * The output of {@link LongTermValueEstimator}: per item (by external id) and per category, the
 * estimated change in the chance of returning within the horizon after a session that consumed
 * it, relative to the consumer's own baseline. Immutable and thread-safe.
 */
public final class LongTermValues {
  private final Map<String, Integer> index;
  private final String[] ids;
  private final double[] item;
  private final int[] count;
  private final double[] gateway;
  private final double[] category;
  private final double[] gatewayCategory;
  private final double global;
  private final long sessions;
  private final double scale;
  private final CategoryEvidence evidence;
  private final Map<String, PersonalEffects> personal;

  LongTermValues(Map<String, Integer> index, String[] ids, double[] item, int[] count,
      double[] gateway, double[] category, double[] gatewayCategory, double global, long sessions,
      Map<String, PersonalEffects> personal, CategoryEvidence evidence) {
    this.evidence = evidence;
    this.personal = Map.copyOf(personal);
    this.index = Map.copyOf(index);
    this.ids = ids;
    this.item = item;
    this.count = count;
    this.gateway = gateway;
    this.category = category;
    this.gatewayCategory = gatewayCategory;
    this.global = global;
    this.sessions = sessions;
    double s = 0;
    int n = 0;
    for (int i = 0; i < item.length; i++) {
      if (count[i] > 0) {
        s += (item[i] - global) * (item[i] - global);
        n++;
      }
    }
    this.scale = n < 2 ? 0 : Math.sqrt(s / (n - 1));
  }

  /** An estimate with nothing learnt: every value is 0. */
  public static LongTermValues empty() {
    return new LongTermValues(Map.of(), new String[0], new double[0], new int[0], new double[0],
        new double[0], new double[0], 0, 0, Map.of(), CategoryEvidence.NONE);
  }

  /**
   * The item's value; an item never seen consumed gets its category's ({@code category} may be
   * -1 when unknown) or the global mean.
   */
  public double item(String itemId, int categoryIndex) {
    Integer i = index.get(itemId);
    if (i != null) {
      return item[i];
    }
    return categoryIndex >= 0 && categoryIndex < category.length ? category[categoryIndex] : global;
  }

  /** The value among sessions of users' first days (what brings new users back). */
  public double gateway(String itemId, int categoryIndex) {
    Integer i = index.get(itemId);
    if (i != null) {
      return gateway[i];
    }
    return categoryIndex >= 0 && categoryIndex < gatewayCategory.length
        ? gatewayCategory[categoryIndex] : global;
  }

  public double category(int categoryIndex) {
    return category[categoryIndex];
  }

  /** Labelled sessions that contained the item (0 when never seen). */
  public int sessions(String itemId) {
    Integer i = index.get(itemId);
    return i == null ? 0 : count[i];
  }

  /** Labelled sessions used in all. */
  public long sessions() {
    return sessions;
  }

  public double global() {
    return global;
  }

  /** Standard deviation of the item values around the global mean: the unit a re-ranker scales by. */
  public double scale() {
    return scale;
  }

  /**
   * The user's own return effect of each category they consumed, as a deviation from the
   * category's effect ({@link PersonalEffects}); {@link PersonalEffects#NONE} for a user with no
   * labelled sessions. What "the items with the highest return effect for that user" are ranked
   * by for at-risk users: item value + the user's deviation for the item's category.
   */
  public PersonalEffects personal(String userId) {
    return personal.getOrDefault(userId, PersonalEffects.NONE);
  }

  /** Whether the categories' effects differ by more than sampling noise (see the record). */
  public CategoryEvidence categoryEvidence() {
    return evidence;
  }

  public int items() {
    return ids.length;
  }
}
