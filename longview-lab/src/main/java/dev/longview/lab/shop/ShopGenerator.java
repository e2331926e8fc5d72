package dev.longview.lab.shop;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.core.Item;
import dev.longview.core.User;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a deterministic synthetic shop: a catalogue, users who arrive over time, and what they
 * do, as the event stream a real shop would log.
 *
 * <h2>Why a latent model</h2>
 *
 * <p>Longview is judged on long-term retention, so its demo data must contain the things the
 * engine is meant to see: users who activate or bounce, return at their own rhythm, buy again,
 * lapse, come back or leave. Shuffled random events contain none of that. Here every user carries
 * a small hidden state, and the observable events follow from it, so churn labels, lifecycle
 * charts and recommendations all have real (if simple) structure to find. The hidden outcomes are
 * reported as {@link ShopSummary.GroundTruth} and never written to the store.
 *
 * <h2>The model</h2>
 *
 * <ul>
 *   <li><b>Catalogue</b> ({@code Catalogue}): items in categories with text from per-category word
 *       lists, a log-normal price per category, a hidden quality {@code q ~ N(m_c, 1)} and a
 *       heavy-tailed hidden popularity. Some items are created during the period.
 *   <li><b>Arrivals</b>: {@code users} arrival times on [0, days) with a rate growing linearly by
 *       the factor {@code 1 + userGrowth}; a user's first visit is their arrival (acquisition).
 *   <li><b>A user</b> ({@code Shopper}): signup channel and (mostly) country as attributes; hidden
 *       Dirichlet(0.3) topic preferences over categories, an engagement propensity (the logit of
 *       the daily return chance, shifted by channel), a session length, a price sensitivity, a
 *       preferred hour and device, and a satisfaction {@code s} on the scale of quality.
 *   <li><b>A visit day</b> ({@code VisitSimulator}): a {@code visit}, then one session (sometimes
 *       two), each a {@code session_start} and {@code 1 + Poisson(rate * e^{0.2 s})} views, mostly
 *       in one focus category drawn from the preferences, items by popularity among those on show
 *       (some from a "new in" shelf). A view is clicked with probability
 *       {@code sigmoid(-1 + 0.8 q + 0.5 taste + N(0,1))}; a click goes to the cart depending on
 *       quality and price; the cart is bought at checkout (quantity mostly 1). Consumables bought
 *       before come back as replenishment views: the repeat purchases. A few purchases are
 *       cancelled days later (more often for poor items, a negative quantity in the same session);
 *       some get a 1-5 rating.
 *   <li><b>Satisfaction</b> moves towards the quality of what was consumed that day (purchases
 *       count twice, a day with no click counts as -0.5): {@code s <- 0.7 s + 0.3 e + noise}, in
 *       the spirit of RecSim's long-term satisfaction model.
 *   <li><b>What next</b>, after each visit day, all driven by {@code s}: after the first day the
 *       user may bounce (never come back, 30% at {@code s = 0}); otherwise they may leave for good
 *       (1.5%) or lapse (4%; a lapsed user comes back after 30 days or more with probability
 *       {@code resurrectionProbability}, else leaves), and if none of these, return after a
 *       geometric gap with daily chance {@code sigmoid(propensity + 0.8 s)}, in the spirit of
 *       KuaiSim's return model. All these rates are logits shifted by {@code -s}: unhappy users
 *       return less and leave more, so satisfaction is the retention lever.
 * </ul>
 *
 * <p>This is the seed of the long-term retention simulator of PROTOCOLS.md section 5: there the
 * recommendations a policy shows will replace the popularity-driven browsing, and satisfaction,
 * return and churn will respond to them, on the same seeds for every policy. Each user already
 * draws from a private random stream for that reason.
 *
 * <h2>Mechanics</h2>
 *
 * <p>Time advances a day at a time. Each day the shoppers due that day visit, in order of arrival;
 * what they do lands in per-day buckets ({@code Timeline}), also on later days (a session past
 * midnight, a cancellation, a review); then the day's bucket is sorted and written. So the output
 * is in time order without holding the whole stream. Events that would fall after the period
 * are dropped: the period is a window on a shop that goes on.
 *
 * <h2>Determinism</h2>
 *
 * <p>The same config gives the same users, items and events, bit for bit on every JDK: all draws
 * come from {@link SplittableRandom} streams split from {@link ShopConfig#seed()} in a fixed order,
 * with {@code StrictMath}; no clock is read, and days are local days of {@link ShopConfig#zone()}.
 * Event ids are {@code <idPrefix>-<seed>-<n>} in time order, session ids
 * {@code <idPrefix>-<seed>-s<n>}, user ids {@code u00001...} in order of first event, item ids
 * {@code i0001...}.
 *
 * <p>Thread-safe: each {@code generate} call works on its own state.
 */
public final class ShopGenerator {
  private static final Comparator<Shopper> BY_ARRIVAL = Comparator.comparingInt(s -> s.index);
  private final ShopConfig config;

  public ShopGenerator(ShopConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config is null; use ShopConfig.defaults()");
    }
    this.config = config;
  }

  public ShopConfig config() {
    return config;
  }

  /**
   * Generates the shop into {@code sink} in the order {@link ShopSink} documents and returns its
   * summary.
   */
  public ShopSummary generate(ShopSink sink) {
    SplittableRandom root = new SplittableRandom(config.seed());
    Catalogue catalogue = new Catalogue(config, root.split());
    Shopper[] shoppers = arrivals(root.split());
    Timeline timeline = new Timeline(config);
    VisitSimulator visits = new VisitSimulator(config, catalogue, timeline);
    Tally tally = new Tally(catalogue, shoppers.length);
    for (Item item : catalogue.items) {
      sink.item(item);
      tally.item();
    }
    String eventPrefix = config.idPrefix() + "-" + config.seed() + "-";
    long n = 0;
    int published = 0;
    int userIdWidth = Math.max(5, Integer.toString(shoppers.length).length());
    List<List<Shopper>> due = new ArrayList<>(config.days()); // shoppers to visit, by day
    for (int day = 0; day < config.days(); day++) {
      due.add(new ArrayList<>());
    }
    for (Shopper s : shoppers) {
      due.get(s.arrivalDay).add(s);
    }
    for (int day = 0; day < config.days(); day++) {
      List<Shopper> today = due.get(day);
      today.sort(BY_ARRIVAL); // a fixed order, whatever the order of scheduling
      for (Shopper s : today) {
        visits.visit(s, day);
        if (s.state != Shopper.State.CHURNED && s.nextDay < config.days()) {
          assert s.nextDay > day;
          due.get(s.nextDay).add(s);
        }
      }
      due.set(day, List.of());
      for (Timeline.Pending p : timeline.drain(day)) {
        OffsetDateTime time = OffsetDateTime.ofInstant(Instant.ofEpochSecond(p.epochSecond()), config.zone());
        if (p.shopper().id == null) {
          p.shopper().id = "u" + String.format("%0" + userIdWidth + "d", ++published);
          sink.user(p.shopper().toUser(time.toInstant()));
          tally.user();
        }
        Event event = new Event(
            p.shopper().id,
            p.item() < 0 ? null : catalogue.items[p.item()].id(),
            p.type(),
            Double.isNaN(p.value()) ? null : p.value(),
            time,
            new EventContext(p.sessionId(), p.device(), p.query(), p.page(), Map.of()),
            eventPrefix + (++n));
        sink.event(event);
        tally.event(event, p);
      }
    }
    return tally.summary(shoppers);
  }

  /** Generates the whole shop into memory. */
  public ShopData generate() {
    List<User> users = new ArrayList<>();
    List<Item> items = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    ShopSummary summary = generate(new ShopSink() {
      @Override
      public void user(User user) {
        users.add(user);
      }

      @Override
      public void item(Item item) {
        items.add(item);
      }

      @Override
      public void event(Event event) {
        events.add(event);
      }
    });
    return new ShopData(users, items, events, summary);
  }

  /**
   * The users, in order of arrival. Arrival times have density proportional to
   * {@code 1 + g t / T} on [0, T), drawn by inverting its distribution function.
   */
  private Shopper[] arrivals(SplittableRandom rng) {
    int n = config.users();
    double days = config.days();
    double g = config.userGrowth();
    double[] times = new double[n];
    for (int i = 0; i < n; i++) {
      double u = Draws.uniform(rng);
      times[i] = g == 0 ? u * days : days * (StrictMath.sqrt(1 + g * (2 + g) * u) - 1) / g;
    }
    Arrays.sort(times);
    Shopper[] shoppers = new Shopper[n];
    for (int i = 0; i < n; i++) {
      int day = Math.min(config.days() - 1, (int) times[i]);
      shoppers[i] = new Shopper(i, day, config.categories(), rng.split());
    }
    return shoppers;
  }
}
