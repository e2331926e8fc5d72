package dev.longview.lab.shop;

import dev.longview.core.Ids;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What synthetic shop to generate. Immutable; checks itself on construction, so a config that
 * exists is one the generator can run. Start from {@link #defaults()} and change what you need
 * with the {@code with...} methods.
 *
 * @param seed seed of every random draw; the same config gives the same shop, event for event.
 *     Default 42
 * @param users number of users who arrive during the period, 1 to 1,000,000. Default 2,000
 * @param items number of catalogue items, at least {@code categories} and at most 1,000,000.
 *     Default 500
 * @param categories number of leaf categories, 1 to {@link #MAX_CATEGORIES} (each has its own
 *     word lists and price range). Default 12
 * @param startDate first simulated day, in {@code zone}. Default 2025-01-01
 * @param days length of the period in days, 1 to 3,650; events fall in
 *     [startDate 00:00, startDate + days 00:00) of {@code zone}. Default 180
 * @param zone the shop's time zone; days, opening hours and event offsets are in it. Default
 *     Europe/London (so the default period crosses a daylight-saving change)
 * @param newItemShare share of the items that enter the catalogue during the period rather than
 *     before it, in [0, 1). Default 0.15
 * @param userGrowth how much the arrival rate grows over the period: the rate on the last day is
 *     {@code 1 + userGrowth} times the rate on the first day, linearly in between; 0 for a steady
 *     rate, at least 0. Default 1.0
 * @param resurrectionProbability chance that a user who lapses into dormancy comes back one day
 *     (after at least 30 days) rather than leaving for good, in [0, 1]. Default 0.5
 * @param idPrefix prefix of event and session ids: event {@code n} (in time order, from 1) is
 *     {@code <idPrefix>-<seed>-<n>}, so writing the same shop twice into one store deduplicates.
 *     A valid id of letters, digits, '-' or '_'. Default "demo"
 */
public record ShopConfig(
    long seed,
    int users,
    int items,
    int categories,
    LocalDate startDate,
    int days,
    ZoneId zone,
    double newItemShare,
    double userGrowth,
    double resurrectionProbability,
    String idPrefix) {

  /** How many categories have word lists and price ranges. */
  public static final int MAX_CATEGORIES = CategoryProfiles.count();

  public ShopConfig {
    if (users < 1 || users > 1_000_000) {
      throw new IllegalArgumentException("users was " + users + "; use 1 to 1,000,000");
    }
    if (categories < 1 || categories > MAX_CATEGORIES) {
      throw new IllegalArgumentException("categories was " + categories + "; use 1 to "
          + MAX_CATEGORIES + " (only that many categories have word lists)");
    }
    if (items < categories || items > 1_000_000) {
      throw new IllegalArgumentException("items was " + items + "; use " + categories
          + " (one per category) to 1,000,000, or lower categories");
    }
    if (startDate == null) {
      throw new IllegalArgumentException("startDate is null; give one, e.g. LocalDate.of(2025, 1, 1)");
    }
    if (days < 1 || days > 3650) {
      throw new IllegalArgumentException("days was " + days + "; use 1 to 3,650");
    }
    if (zone == null) {
      throw new IllegalArgumentException("zone is null; give one explicitly, e.g. ZoneId.of(\"UTC\")");
    }
    if (!(newItemShare >= 0 && newItemShare < 1)) {
      throw new IllegalArgumentException("newItemShare was " + newItemShare
          + "; use a share in [0, 1) so that some items exist when the shop opens");
    }
    if (!(userGrowth >= 0) || Double.isInfinite(userGrowth)) {
      throw new IllegalArgumentException("userGrowth was " + userGrowth
          + "; use a finite number >= 0 (0 = steady arrivals, 1 = twice the rate at the end)");
    }
    if (!(resurrectionProbability >= 0 && resurrectionProbability <= 1)) {
      throw new IllegalArgumentException(
          "resurrectionProbability was " + resurrectionProbability + "; use a probability in [0, 1]");
    }
    if (idPrefix == null || !idPrefix.matches("[A-Za-z0-9_\\-]{1,64}")) {
      throw new IllegalArgumentException("idPrefix was " + (idPrefix == null ? "null" : "\"" + idPrefix + "\"")
          + "; use 1 to 64 letters, digits, '-' or '_', e.g. \"demo\"");
    }
    assert Ids.problem(idPrefix) == null;
  }

  /** The documented defaults: 2,000 users, 500 items, 12 categories, 180 days from 2025-01-01. */
  public static ShopConfig defaults() {
    return new ShopConfig(42L, 2_000, 500, 12, LocalDate.of(2025, 1, 1), 180,
        ZoneId.of("Europe/London"), 0.15, 1.0, 0.5, "demo");
  }

  public ShopConfig withSeed(long seed) {
    return new ShopConfig(seed, users, items, categories, startDate, days, zone, newItemShare,
        userGrowth, resurrectionProbability, idPrefix);
  }

  public ShopConfig withUsers(int users) {
    return new ShopConfig(seed, users, items, categories, startDate, days, zone, newItemShare,
        userGrowth, resurrectionProbability, idPrefix);
  }

  public ShopConfig withItems(int items) {
    return new ShopConfig(seed, users, items, categories, startDate, days, zone, newItemShare,
        userGrowth, resurrectionProbability, idPrefix);
  }

  public ShopConfig withCategories(int categories) {
    return new ShopConfig(seed, users, items, categories, startDate, days, zone, newItemShare,
        userGrowth, resurrectionProbability, idPrefix);
  }

  public ShopConfig withPeriod(LocalDate startDate, int days, ZoneId zone) {
    return new ShopConfig(seed, users, items, categories, startDate, days, zone, newItemShare,
        userGrowth, resurrectionProbability, idPrefix);
  }

  public ShopConfig withNewItemShare(double newItemShare) {
    return new ShopConfig(seed, users, items, categories, startDate, days, zone, newItemShare,
        userGrowth, resurrectionProbability, idPrefix);
  }

  public ShopConfig withUserGrowth(double userGrowth) {
    return new ShopConfig(seed, users, items, categories, startDate, days, zone, newItemShare,
        userGrowth, resurrectionProbability, idPrefix);
  }

  public ShopConfig withResurrectionProbability(double resurrectionProbability) {
    return new ShopConfig(seed, users, items, categories, startDate, days, zone, newItemShare,
        userGrowth, resurrectionProbability, idPrefix);
  }

  public ShopConfig withIdPrefix(String idPrefix) {
    return new ShopConfig(seed, users, items, categories, startDate, days, zone, newItemShare,
        userGrowth, resurrectionProbability, idPrefix);
  }
}
