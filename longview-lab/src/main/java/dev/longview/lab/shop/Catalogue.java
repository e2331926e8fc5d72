package dev.longview.lab.shop;

import dev.longview.core.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The generated catalogue: the public {@link Item} records plus each item's hidden latents, and
 * the index the shoppers draw items from.
 *
 * <p>Per item: a category (category sizes vary, every category has at least one item), a title
 * and description built from the category's word lists, a price from the category's log-normal,
 * a hidden <em>quality</em> {@code q ~ N(m_c, 1)} with a per-category mean {@code m_c ~ N(0, 0.3)},
 * and a hidden <em>popularity</em> {@code log p ~ N(0.3 q, 1)}, a heavy tail mildly correlated
 * with quality. {@code 1 - newItemShare} of the items were created in the year before the period,
 * the rest on a day inside it (at 00:00), and are only shown from that day on.
 *
 * <p>Immutable after construction; {@link #pick} only advances the generator it is given.
 */
final class Catalogue {
  /** Days before the period over which the initial catalogue was created. */
  private static final int BACK_CATALOGUE_DAYS = 365;
  /** Chance that a view comes from the "new in" shelf of the category (uniform over recent items). */
  private static final double NEW_SHELF_SHARE = 0.15;
  /** How recent an item must be for the "new in" shelf, in days. */
  private static final int NEW_SHELF_DAYS = 30;

  final Item[] items;
  final int[] category;
  final double[] quality;
  final double[] popularity;
  final double[] price;
  final int[] createdDay;
  /** The product noun in each item's title, used as the query of search sessions. */
  final String[] keyword;
  final int newItems;

  /** Per category: item indices sorted by creation day, their creation days and cumulative popularity. */
  private final int[][] byCreated;
  private final int[][] createdDays;
  private final double[][] cumulative;
  /** All items sorted by creation day, for the fallback when a category has nothing to show yet. */
  private final int[] allByCreated;
  private final int[] allCreatedDays;
  private final double[] allCumulative;

  Catalogue(ShopConfig config, SplittableRandom rng) {
    int n = config.items();
    int k = config.categories();
    items = new Item[n];
    category = new int[n];
    quality = new double[n];
    popularity = new double[n];
    price = new double[n];
    createdDay = new int[n];
    keyword = new String[n];

    double[] categoryQuality = new double[k];
    for (int c = 0; c < k; c++) {
      categoryQuality[c] = Draws.normal(rng, 0, 0.3);
    }
    double[] categorySize = Draws.dirichlet(rng, k, 4.0);
    int newCount = (int) Math.floor(n * config.newItemShare());
    boolean[] isNew = new boolean[n];
    for (int chosen = 0; chosen < newCount; ) { // a uniform subset of size newCount
      int i = Draws.index(rng, n);
      if (!isNew[i]) {
        isNew[i] = true;
        chosen++;
      }
    }
    newItems = newCount;
    int width = Math.max(4, Integer.toString(n).length());
    for (int i = 0; i < n; i++) {
      int c = i < k ? i : Draws.weighted(rng, categorySize);
      CategoryProfiles.Profile profile = CategoryProfiles.get(c);
      category[i] = c;
      quality[i] = Draws.normal(rng, categoryQuality[c], 1.0);
      popularity[i] = Draws.logNormal(rng, 0.3 * quality[i], 1.0);
      price[i] = shopPrice(Draws.logNormal(rng, StrictMath.log(profile.medianPrice()), profile.priceSigma()));
      createdDay[i] = isNew[i]
          ? Draws.between(rng, Math.min(1, config.days() - 1), config.days() - 1)
          : -Draws.between(rng, 1, BACK_CATALOGUE_DAYS);
      items[i] = describe(i, width, profile, config, rng);
    }

    byCreated = new int[k][];
    createdDays = new int[k][];
    cumulative = new double[k][];
    List<List<Integer>> members = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      members.add(new ArrayList<>());
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> createdDay[a] != createdDay[b]
        ? Integer.compare(createdDay[a], createdDay[b]) : Integer.compare(a, b));
    for (int i : order) {
      members.get(category[i]).add(i);
    }
    for (int c = 0; c < k; c++) {
      byCreated[c] = members.get(c).stream().mapToInt(Integer::intValue).toArray();
      createdDays[c] = days(byCreated[c]);
      cumulative[c] = cumulativePopularity(byCreated[c]);
    }
    allByCreated = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    allCreatedDays = days(allByCreated);
    allCumulative = cumulativePopularity(allByCreated);
  }

  int size() {
    return items.length;
  }

  /** Median price of the item's category, the reference for a shopper's price sensitivity. */
  double medianPrice(int item) {
    return CategoryProfiles.get(category[item]).medianPrice();
  }

  boolean consumable(int item) {
    return CategoryProfiles.get(category[item]).consumable();
  }

  /**
   * An item of category {@code c} on show on {@code day}: mostly popularity-weighted, sometimes
   * uniform from the items created in the last {@value #NEW_SHELF_DAYS} days; from the whole
   * catalogue when the category has nothing on show yet.
   */
  int pick(int c, int day, SplittableRandom rng) {
    int[] ids = byCreated[c];
    int[] created = createdDays[c];
    double[] cum = cumulative[c];
    int available = upperBound(created, day);
    if (available == 0) {
      ids = allByCreated;
      created = allCreatedDays;
      cum = allCumulative;
      available = upperBound(created, day);
      assert available > 0 : "some items exist before the period";
    }
    if (Draws.chance(rng, NEW_SHELF_SHARE)) {
      int from = upperBound(created, day - NEW_SHELF_DAYS - 1);
      if (from < available) {
        return ids[from + Draws.index(rng, available - from)];
      }
    }
    double target = Draws.uniform(rng) * cum[available - 1];
    int lo = 0;
    int hi = available - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[mid] > target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return ids[lo];
  }

  private int[] days(int[] ids) {
    int[] d = new int[ids.length];
    for (int j = 0; j < ids.length; j++) {
      d[j] = createdDay[ids[j]];
    }
    return d;
  }

  private double[] cumulativePopularity(int[] ids) {
    double[] cum = new double[ids.length];
    double sum = 0;
    for (int j = 0; j < ids.length; j++) {
      sum += popularity[ids[j]];
      cum[j] = sum;
    }
    return cum;
  }

  /** Number of entries of the ascending array {@code a} that are at most {@code value}. */
  private static int upperBound(int[] a, int value) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Shop-style price: at least 1.99, ending in .99 below 100 and in .00 above. */
  private static double shopPrice(double raw) {
    if (raw < 100) {
      return Math.max(2, Math.round(raw)) - 0.01;
    }
    return Math.round(raw / 5) * 5.0;
  }

  private Item describe(int i, int width, CategoryProfiles.Profile profile, ShopConfig config,
      SplittableRandom rng) {
    String brand = pickWord(CategoryProfiles.BRANDS, rng);
    String adjective = pickWord(profile.adjectives(), rng);
    String noun = pickWord(profile.nouns(), rng);
    String colour = pickWord(CategoryProfiles.COLOURS, rng);
    keyword[i] = noun;
    String title = brand + " " + titleCase(adjective) + " " + titleCase(noun) + ", " + colour;
    String feature1 = pickWord(profile.features(), rng);
    String feature2 = pickWord(profile.features(), rng);
    String use = pickWord(profile.uses(), rng);
    StringBuilder description = new StringBuilder()
        .append(capitalise(adjective)).append(' ').append(noun).append(" by ").append(brand)
        .append(" in ").append(colour).append(". Ideal for ").append(use).append(". ")
        .append(feature1);
    if (!feature2.equals(feature1)) {
      description.append(' ').append(feature2);
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("brand", brand);
    attributes.put("colour", colour);
    Instant created = config.startDate().plusDays(createdDay[i]).atStartOfDay(config.zone()).toInstant();
    String id = "i" + String.format("%0" + width + "d", i + 1);
    return new Item(id, List.of(profile.parent(), profile.path()), title, description.toString(),
        price[i], attributes, created, false);
  }

  private static String pickWord(List<String> words, SplittableRandom rng) {
    return words.get(Draws.index(rng, words.size()));
  }

  private static String titleCase(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean start = true;
    for (char ch : s.toCharArray()) {
      b.append(start ? Character.toUpperCase(ch) : ch);
      start = ch == ' ';
    }
    return b.toString();
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
