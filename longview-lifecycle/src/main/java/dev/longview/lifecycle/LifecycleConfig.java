package dev.longview.lifecycle;

import java.util.Set;

/**
 * The milestones that define a user's lifecycle. Checks itself on construction. Start from
 * {@link #commerce()} or {@link #content()}.
 *
 * @param activeTypes event types that make a user "active" (an event of type
 *     {@code conversionType} with a negative value, a cancellation, never does). Default: every
 *     default type but {@code impression} (something shown, not something done)
 * @param activationTypes the positive event types that count toward activation
 * @param activationEvents activation ("aha") = at least this many events of
 *     {@code activationTypes} within {@code activationDays} days of first seen, 1 or more.
 *     Commerce default 1 of add_to_cart, like or purchase within 7 days; content default 5 of
 *     view, click, like, rating within 7 days
 * @param activationDays see {@code activationEvents}, 1 or more
 * @param conversionType conversion = the first event of this type with a positive value (or no
 *     value). Default "purchase"
 * @param churnDays churned = no active event for more than this many days. Default 30
 * @param dormantDays dormant = no active event for more than this many days (and not churned).
 *     Default 7
 * @param newDays new = first seen at most this many days ago and not yet activated. Also the
 *     window of "resurrected": back within this many days after a gap of more than
 *     {@code churnDays}. Default 7
 * @param loyalOrders commerce loyalty: at least this many orders in the last
 *     {@code loyalOrderDays} days; 0 switches it off. Commerce default 2 in 90 days
 * @param loyalOrderDays see {@code loyalOrders}
 * @param loyalActiveDays content loyalty: active on at least this many of the last 28 days
 *     (L28); 0 switches it off. Content default 12
 * @param atRiskGapQuantile at-risk when the current gap in days is larger than this quantile
 *     (nearest rank) of the user's own gaps between active days; in (0, 1]. Default 0.8
 * @param atRiskMinGaps ... and the user has at least this many such gaps. Default 3
 * @param atRiskProbability at-risk when a return model gives a probability of returning below
 *     this, in [0, 1]. Default 0.3
 */
public record LifecycleConfig(
    Set<String> activeTypes,
    Set<String> activationTypes,
    int activationEvents,
    int activationDays,
    String conversionType,
    int churnDays,
    int dormantDays,
    int newDays,
    int loyalOrders,
    int loyalOrderDays,
    int loyalActiveDays,
    double atRiskGapQuantile,
    int atRiskMinGaps,
    double atRiskProbability) {

  /** Every default event type but impression. */
  public static final Set<String> DEFAULT_ACTIVE_TYPES = Set.of("view", "click", "rating", "like",
      "dislike", "add_to_cart", "purchase", "visit", "session_start");

  public LifecycleConfig {
    if (activeTypes == null || activeTypes.isEmpty()) {
      throw new IllegalArgumentException("activeTypes was empty; name the event types that make a"
          + " user active, e.g. " + DEFAULT_ACTIVE_TYPES);
    }
    activeTypes = Set.copyOf(activeTypes);
    activationTypes = activationTypes == null ? Set.of() : Set.copyOf(activationTypes);
    if (activationEvents < 1 || activationDays < 1) {
      throw new IllegalArgumentException("activation was " + activationEvents + " events within "
          + activationDays + " days; both must be at least 1");
    }
    if (conversionType == null || conversionType.isBlank()) {
      throw new IllegalArgumentException("conversionType was empty; e.g. \"purchase\"");
    }
    if (dormantDays < 1 || churnDays <= dormantDays) {
      throw new IllegalArgumentException("dormantDays was " + dormantDays + " and churnDays "
          + churnDays + "; need 1 <= dormantDays < churnDays");
    }
    if (newDays < 1) {
      throw new IllegalArgumentException("newDays was " + newDays + "; use at least 1");
    }
    if (loyalOrders < 0 || loyalOrderDays < 1 || loyalActiveDays < 0 || loyalActiveDays > 28) {
      throw new IllegalArgumentException("loyalty rule was " + loyalOrders + " orders in "
          + loyalOrderDays + " days / " + loyalActiveDays + " of 28 days; use orders >= 0,"
          + " days >= 1, active days 0..28");
    }
    if (!(atRiskGapQuantile > 0 && atRiskGapQuantile <= 1) || atRiskMinGaps < 1
        || !(atRiskProbability >= 0 && atRiskProbability <= 1)) {
      throw new IllegalArgumentException("at-risk rule was quantile " + atRiskGapQuantile
          + ", min gaps " + atRiskMinGaps + ", probability " + atRiskProbability
          + "; use a quantile in (0, 1], min gaps >= 1, probability in [0, 1]");
    }
  }

  /** Defaults for a shop: see the parameters. */
  public static LifecycleConfig commerce() {
    return new LifecycleConfig(DEFAULT_ACTIVE_TYPES, Set.of("add_to_cart", "like", "purchase"), 1, 7,
        "purchase", 30, 7, 7, 2, 90, 0, 0.8, 3, 0.3);
  }

  /** Defaults for a content platform: see the parameters. */
  public static LifecycleConfig content() {
    return new LifecycleConfig(DEFAULT_ACTIVE_TYPES, Set.of("view", "click", "like", "rating"), 5, 7,
        "purchase", 30, 7, 7, 0, 90, 12, 0.8, 3, 0.3);
  }

  /** "commerce" or "content". */
  public static LifecycleConfig profile(String name) {
    return switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "commerce" -> commerce();
      case "content" -> content();
      default -> throw new IllegalArgumentException("profile was \"" + name
          + "\"; use commerce or content");
    };
  }

  public LifecycleConfig withChurnDays(int days) {
    return new LifecycleConfig(activeTypes, activationTypes, activationEvents, activationDays,
        conversionType, days, dormantDays, newDays, loyalOrders, loyalOrderDays, loyalActiveDays,
        atRiskGapQuantile, atRiskMinGaps, atRiskProbability);
  }

  public LifecycleConfig withActiveTypes(Set<String> types) {
    return new LifecycleConfig(types, activationTypes, activationEvents, activationDays,
        conversionType, churnDays, dormantDays, newDays, loyalOrders, loyalOrderDays,
        loyalActiveDays, atRiskGapQuantile, atRiskMinGaps, atRiskProbability);
  }
}
