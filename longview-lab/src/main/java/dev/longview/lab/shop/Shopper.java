package dev.longview.lab.shop;

import dev.longview.core.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One simulated user: the public {@link User} record and the hidden state that drives their
 * behaviour. Mutable, owned by one generator run.
 *
 * <p>Every shopper has a private random stream split off at arrival, so what one shopper does
 * never shifts another's draws: the property the policy simulator will need to compare policies
 * on common random numbers.
 */
final class Shopper {
  /** Hidden lifecycle state. */
  enum State {
    /** Visiting from time to time; {@link #nextDay} is the next visit. */
    ACTIVE,
    /** Lapsed, will come back on {@link #nextDay} (at least 30 days after the last visit). */
    DORMANT,
    /** Left for good. */
    CHURNED
  }

  private static final String[] CHANNELS = {"organic", "search", "social", "email", "referral", "paid"};
  private static final double[] CHANNEL_WEIGHTS = {0.30, 0.25, 0.15, 0.08, 0.07, 0.15};
  /** Shift of the return and bounce logits by signup channel: referrals stay, paid traffic bounces. */
  private static final double[] CHANNEL_SHIFT = {0.0, 0.1, -0.3, 0.4, 0.5, -0.5};
  private static final String[] COUNTRIES = {"GB", "DE", "FR", "US", "NL", "ES", "IT", "SE", "IE", "PL"};
  private static final double[] COUNTRY_WEIGHTS = {0.35, 0.15, 0.12, 0.10, 0.06, 0.06, 0.05, 0.04, 0.04, 0.03};
  /** Share of users whose profile has no country (not every sign-up form asks). */
  private static final double NO_COUNTRY = 0.1;
  private static final String[] DEVICES = {"mobile", "desktop", "tablet"};
  private static final double[] DEVICE_WEIGHTS = {0.6, 0.3, 0.1};
  /** Concentration of the topic preferences: small means a few favourite categories. */
  static final double PREFERENCE_ALPHA = 0.3;
  /** Daily return chance of an average active user at neutral satisfaction. */
  static final double BASE_RETURN = 0.15;

  final int index;
  /** External id, given when the shopper first appears in the event stream; null before. */
  String id;
  final int arrivalDay;
  final SplittableRandom rng;
  final Map<String, Object> attributes;
  /** Channel effect on the return and bounce logits. */
  final double channelShift;
  /** Topic (category) preferences, a probability vector. */
  double[] preference;
  /** Logit of the daily return chance at neutral satisfaction: the engagement propensity. */
  final double returnLogit;
  /** Mean number of extra views per session at neutral satisfaction. */
  final double viewRate;
  /** How strongly prices above the category median put the shopper off. */
  final double priceSensitivity;
  /** Hour of the day around which this shopper's sessions start. */
  final double preferredHour;
  final int primaryDevice;
  /** Hidden satisfaction, on the scale of item quality; drives return, churn and session length. */
  double satisfaction;
  /** Consumables bought before, that the shopper may come back to replenish. */
  final List<Integer> pantry = new ArrayList<>();

  State state = State.ACTIVE;
  int nextDay;
  int visitDays;
  int dormancies;
  int resurrections;
  /** Left for good after the first visit day. */
  boolean bounced;

  Shopper(int index, int arrivalDay, int categories, SplittableRandom rng) {
    this.index = index;
    this.arrivalDay = arrivalDay;
    this.nextDay = arrivalDay;
    this.rng = rng;
    int channel = Draws.weighted(rng, CHANNEL_WEIGHTS);
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (!Draws.chance(rng, NO_COUNTRY)) {
      attrs.put("country", COUNTRIES[Draws.weighted(rng, COUNTRY_WEIGHTS)]);
    }
    attrs.put("signup_channel", CHANNELS[channel]);
    this.attributes = attrs;
    this.channelShift = CHANNEL_SHIFT[channel];
    this.preference = Draws.dirichlet(rng, categories, PREFERENCE_ALPHA);
    this.returnLogit = Draws.logit(BASE_RETURN) + channelShift + Draws.normal(rng, 0, 0.8);
    this.viewRate = Draws.logNormal(rng, StrictMath.log(3.0), 0.5);
    this.priceSensitivity = Draws.logNormal(rng, 0, 0.4);
    this.preferredHour = Math.clamp(Draws.normal(rng, 17, 4), 6, 23.5);
    this.primaryDevice = Draws.weighted(rng, DEVICE_WEIGHTS);
    this.satisfaction = Draws.normal(rng, 0, 0.5);
  }

  String sessionDevice() {
    return DEVICES[Draws.chance(rng, 0.8) ? primaryDevice : Draws.weighted(rng, DEVICE_WEIGHTS)];
  }

  User toUser(Instant firstSeen) {
    return new User(id, attributes, firstSeen);
  }
}
