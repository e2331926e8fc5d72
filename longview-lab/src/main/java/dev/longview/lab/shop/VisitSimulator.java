package dev.longview.lab.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plays out one visit day of one shopper: the sessions with their views, clicks, carts and
 * purchases, the delayed cancellations and reviews, then the update of the hidden satisfaction
 * and the decision of when, or whether, the shopper comes back. The model and its constants are
 * described in {@link ShopGenerator}; the constants live here, next to where they act.
 *
 * <p>Not thread-safe; one per generator run.
 */
final class VisitSimulator {
  /** Chance of a second session on a visit day. */
  static final double SECOND_SESSION = 0.1;
  /** Chance that a session starts from a search rather than the home page. */
  static final double SEARCH_SESSION = 0.2;
  /** Chance that a view stays in the session's focus category. */
  static final double STAY_IN_FOCUS = 0.7;
  /** Chance that a view outside the focus ignores the shopper's tastes (exploration). */
  static final double EXPLORE = 0.1;
  static final int MAX_VIEWS = 40;
  /** Chance that a session opens on a consumable bought before, when there is one. */
  static final double REPLENISH = 0.35;
  /** Click logit: CLICK_BIAS + QUALITY_WEIGHT * quality + TASTE_WEIGHT * taste + N(0, 1). */
  static final double CLICK_BIAS = -1.0;
  static final double QUALITY_WEIGHT = 0.8;
  static final double TASTE_WEIGHT = 0.5;
  /** Cart logit after a click: CART_BIAS + 0.5 quality - priceSensitivity * log(price / median). */
  static final double CART_BIAS = -1.5;
  /** Chance that a carted item is bought at checkout, at neutral satisfaction. */
  static final double CHECKOUT = 0.55;
  /** Cancellation chance of a purchase, and the extra chance when the item is poor (quality < -1). */
  static final double CANCEL = 0.02;
  static final double CANCEL_POOR = 0.08;
  /** Chance that a kept purchase gets a rating 2 to 14 days later. */
  static final double REVIEW = 0.12;
  /** Satisfaction after a visit day: DECAY * old + (1 - DECAY) * experience + N(0, 0.1). */
  static final double DECAY = 0.7;
  /** Experience of a visit day with nothing clicked. */
  static final double BORED = -0.5;
  /** Chance of never coming back after the first visit day, at neutral satisfaction (bounce). */
  static final double BOUNCE = 0.30;
  /** Per-visit-day chance of leaving for good, and of lapsing into dormancy, at neutral satisfaction. */
  static final double CHURN = 0.015;
  static final double LAPSE = 0.04;
  /** A dormant shopper comes back after MIN_DORMANT_DAYS + Geometric(mean DORMANT_EXTRA_DAYS). */
  static final int MIN_DORMANT_DAYS = 30;
  static final double DORMANT_EXTRA_DAYS = 30;

  private final ShopConfig config;
  private final Catalogue catalogue;
  private final Timeline timeline;
  private long sessions;

  VisitSimulator(ShopConfig config, Catalogue catalogue, Timeline timeline) {
    this.config = config;
    this.catalogue = catalogue;
    this.timeline = timeline;
  }

  /** Satisfaction evidence gathered over a visit day: weighted qualities of what was consumed. */
  private static final class Experience {
    double sum;
    double weight;

    void add(double quality, double w) {
      sum += quality * w;
      weight += w;
    }

    double value() {
      return weight == 0 ? BORED : sum / weight;
    }
  }

  void visit(Shopper s, int day) {
    SplittableRandom rng = s.rng;
    if (s.state == Shopper.State.DORMANT) {
      resurrect(s);
    }
    s.visitDays++;
    Experience experience = new Experience();
    long hour = Math.round((s.preferredHour + Draws.normal(rng, 0, 1.5)) * 3600); // may leave [0, 24h)
    long start = timeline.dayStart(day) + Math.floorMod(hour, timeline.daySeconds(day)); // night owls wrap
    long end = session(s, day, start, true, experience);
    if (Draws.chance(rng, SECOND_SESSION)) {
      session(s, day, end + 3600 + Draws.index(rng, 5 * 3600), false, experience);
    }
    s.satisfaction = DECAY * s.satisfaction + (1 - DECAY) * experience.value() + Draws.normal(rng, 0, 0.1);
    decideNext(s, day);
  }

  /** Comes back from dormancy a little refreshed, with tastes partly renewed. */
  private void resurrect(Shopper s) {
    s.state = Shopper.State.ACTIVE;
    s.resurrections++;
    s.satisfaction = 0.5 * s.satisfaction + Draws.normal(s.rng, 0.2, 0.3);
    double[] fresh = Draws.dirichlet(s.rng, s.preference.length, Shopper.PREFERENCE_ALPHA);
    for (int c = 0; c < fresh.length; c++) {
      s.preference[c] = 0.5 * s.preference[c] + 0.5 * fresh[c];
    }
  }

  private void decideNext(Shopper s, int day) {
    SplittableRandom rng = s.rng;
    double sat = s.satisfaction;
    if (s.visitDays == 1 && s.resurrections == 0
        && Draws.chance(rng, Draws.sigmoid(Draws.logit(BOUNCE) - s.channelShift - sat))) {
      s.state = Shopper.State.CHURNED;
      s.bounced = true;
      return;
    }
    if (Draws.chance(rng, Draws.sigmoid(Draws.logit(CHURN) - sat))) {
      s.state = Shopper.State.CHURNED;
      return;
    }
    if (Draws.chance(rng, Draws.sigmoid(Draws.logit(LAPSE) - sat))) {
      if (Draws.chance(rng, config.resurrectionProbability())) {
        s.state = Shopper.State.DORMANT;
        s.dormancies++;
        s.nextDay = day + MIN_DORMANT_DAYS + Draws.geometric(rng, 1 / DORMANT_EXTRA_DAYS);
      } else {
        s.state = Shopper.State.CHURNED;
      }
      return;
    }
    double dailyReturn = Draws.sigmoid(s.returnLogit + 0.8 * sat);
    s.nextDay = day + 1 + Draws.geometric(rng, dailyReturn);
  }

  /** Emits one session starting at {@code start}; returns the time of its last event. */
  private long session(Shopper s, int day, long start, boolean firstOfDay, Experience experience) {
    SplittableRandom rng = s.rng;
    String session = config.idPrefix() + "-" + config.seed() + "-s" + (++sessions);
    String device = s.sessionDevice();
    boolean search = Draws.chance(rng, SEARCH_SESSION);
    if (firstOfDay) {
      emit(start, s, -1, "visit", Double.NaN, session, device, "home", null);
    }
    emit(start, s, -1, "session_start", Double.NaN, session, device, search ? "search" : "home", null);
    int focus = Draws.weighted(rng, s.preference);
    int views = 1 + Math.min(MAX_VIEWS - 1,
        Draws.poisson(rng, s.viewRate * StrictMath.exp(0.2 * s.satisfaction)));
    long t = start;
    List<Integer> cart = new ArrayList<>();
    for (int v = 0; v < views; v++) {
      t += 8 + (long) Math.min(300, Draws.exponential(rng, 35));
      boolean replenish = v == 0 && !s.pantry.isEmpty() && Draws.chance(rng, REPLENISH);
      int item = replenish ? s.pantry.get(Draws.index(rng, s.pantry.size())) : browse(s, focus, day);
      String query = search && v == 0 ? catalogue.keyword[item] : null;
      emit(t, s, item, "view", Double.NaN, session, device, query != null ? "search" : v == 0 ? "home" : "category", query);
      double quality = catalogue.quality[item];
      double taste = Math.clamp(StrictMath.log(s.preference.length * s.preference[catalogue.category[item]]), -2, 2);
      double clickLogit = CLICK_BIAS + QUALITY_WEIGHT * quality + TASTE_WEIGHT * taste
          + Draws.normal(rng, 0, 1) + (replenish ? 1.5 : 0);
      if (!Draws.chance(rng, Draws.sigmoid(clickLogit))) {
        continue;
      }
      t += 3 + Draws.index(rng, 10);
      emit(t, s, item, "click", Double.NaN, session, device, "product", null);
      experience.add(quality, 1);
      double priceRatio = StrictMath.log(catalogue.price[item] / catalogue.medianPrice(item));
      double cartLogit = CART_BIAS + 0.5 * quality - s.priceSensitivity * priceRatio + (replenish ? 2 : 0);
      if (!cart.contains(item) && Draws.chance(rng, Draws.sigmoid(cartLogit))) {
        t += 5 + Draws.index(rng, 30);
        emit(t, s, item, "add_to_cart", Double.NaN, session, device, "product", null);
        cart.add(item);
      }
    }
    if (!cart.isEmpty()) {
      t += 30 + Draws.index(rng, 120);
      double buy = Math.clamp(CHECKOUT + 0.1 * s.satisfaction, 0.2, 0.9);
      for (int item : cart) {
        if (Draws.chance(rng, buy)) {
          purchase(s, day, item, t, session, device, experience);
          t++;
        }
      }
    }
    return t;
  }

  /** A browsed item: from the focus category mostly, else by taste, sometimes at random. */
  private int browse(Shopper s, int focus, int day) {
    SplittableRandom rng = s.rng;
    int c;
    if (Draws.chance(rng, STAY_IN_FOCUS)) {
      c = focus;
    } else if (Draws.chance(rng, EXPLORE)) {
      c = Draws.index(rng, s.preference.length);
    } else {
      c = Draws.weighted(rng, s.preference);
    }
    return catalogue.pick(c, day, rng);
  }

  private void purchase(Shopper s, int day, int item, long t, String session, String device,
      Experience experience) {
    SplittableRandom rng = s.rng;
    double r = Draws.uniform(rng);
    int quantity = r < 0.85 ? 1 : r < 0.95 ? 2 : Draws.between(rng, 3, 5);
    if (catalogue.consumable(item) && Draws.chance(rng, 0.3)) {
      quantity++;
    }
    emit(t, s, item, "purchase", quantity, session, device, "checkout", null);
    double quality = catalogue.quality[item];
    experience.add(quality, 2);
    if (catalogue.consumable(item) && !s.pantry.contains(item)) {
      if (s.pantry.size() == 5) {
        s.pantry.removeFirst();
      }
      s.pantry.add(item);
    }
    if (Draws.chance(rng, CANCEL + (quality < -1 ? CANCEL_POOR : 0))) {
      experience.add(BORED - 1, 1);
      emitLater(s, day + Draws.between(rng, 1, 5), item, "purchase", -quantity, session, device, "orders");
    } else if (Draws.chance(rng, REVIEW)) {
      double stars = Math.clamp(Math.round(3 + 1.1 * quality + Draws.normal(rng, 0, 0.8)), 1, 5);
      emitLater(s, day + Draws.between(rng, 2, 14), item, "rating", stars, null, device, "review");
    }
  }

  /** An event at a random time of a later day (dropped when that day is after the period). */
  private void emitLater(Shopper s, int day, int item, String type, double value, String session,
      String device, String page) {
    int offset = Draws.index(s.rng, 86_400); // drawn even when dropped, to keep the stream stable
    if (day >= timeline.days()) {
      return;
    }
    long t = timeline.dayStart(day) + Math.min(offset, timeline.daySeconds(day) - 1);
    emit(t, s, item, type, value, session, device, page, null);
  }

  private void emit(long t, Shopper s, int item, String type, double value, String session,
      String device, String page, String query) {
    timeline.add(new Timeline.Pending(t, s, item, type, value, session, device, page, query));
  }
}
