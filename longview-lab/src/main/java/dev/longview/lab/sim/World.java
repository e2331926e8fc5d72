package dev.longview.lab.sim;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.core.Item;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The policy lab's simulated world: users whose tomorrow depends on today's recommendations.
 *
 * <h2>Design (PROTOCOLS.md section 5)</h2>
 * <ul>
 *   <li><b>Items</b> (RecSim interest evolution): {@code topics} topics; topic k has a mean quality
 *       m_k, evenly spread over [-3, 0] for the {@code lowQualityTopics} first topics and over
 *       [0, 3] for the rest; an item's quality is N(m_k, qualitySd). Its click-bait c in [0, 1]
 *       (RecSim long-term satisfaction's "chocolate" level) is {@code clamp(0.5 - quality / 6 +
 *       N(0, clickbaitSd))}: cheap-quality items tend to be click-bait (lab choice). Price is
 *       log-normal around 20. The engine sees each item's id, topic (as its category) and price.
 *   <li><b>Users</b>: interests in [-1, 1] per topic, uniform at first (RecSim); net positive
 *       exposure NPE = 0; a return bias b ~ N(0, userBiasSd) (KuaiSim). Each arrives once, on a
 *       day uniform over the first {@code arrivalDays}, at a uniform time of day.
 *   <li><b>A visit</b> is a session of slates. On each slate the user picks at most one item with
 *       the proportional choice model of RecSim: P(i) proportional to
 *       {@code (interest[topic_i] + 1) * (0.5 + c_i)} (click-bait attracts clicks: lab choice;
 *       RecSim's long-term satisfaction scores every item alike), beside a no-click mass; every
 *       click probability is then multiplied by {@code 1 - rho * redundancy}, where redundancy is
 *       the share of same-topic pairs in the slate (KuaiSim's redundancy penalty, applied as a
 *       factor because these are probabilities of a single choice).
 *   <li><b>A click</b> of item (c, q): engagement minutes {@code w = scale * exp(N((c mu_choc +
 *       (1 - c) mu_kale) * SAT, sd))} (RecSim long-term satisfaction); NPE becomes
 *       {@code beta * NPE - 2 (c - 0.5) + N(0, eta)} and SAT = sigmoid(tau * NPE); the session
 *       budget changes by {@code -w + alpha_b * w * q} (RecSim interest evolution: quality
 *       lengthens sessions); the interest in the item's topic moves by
 *       {@code step * (1 - |interest|)}, up with probability {@code (interest + 1) / 2} and down
 *       otherwise (RecSim's interest drift); a purchase follows with probability
 *       {@code purchaseRate * SAT * (interest + 1) / 2 * min(1, 20 / price)}.
 *       A slate without a click costs {@code skipPenalty} of the budget. The session ends when the
 *       budget is spent, the slate is empty or after {@code maxSlatesPerSession} slates.
 *   <li><b>Return</b> (KuaiSim): at session end P = clamp(p0 + b + beta_fb * feedback
 *       + satisfactionWeight * (SAT - 0.5), 0.001, 0.999), where feedback is the share of the
 *       session's slates with a click; the next visit is on day {@code + 1 + k} with
 *       {@code P(k) = P (1 - P)^k} for {@code k < maxReturnDays}; with the remaining probability
 *       {@code (1 - P)^maxReturnDays} the user never returns (churn). KuaiSim renormalises that
 *       mass away; keeping it is what lets users churn.
 * </ul>
 * At small tau SAT hardly moves and click-bait costs nothing (RecSim's finding at tau = 0.01);
 * at tau = 1 a click-bait diet lowers SAT, engagement and the chance of coming back.
 *
 * <h2>What the engine sees</h2>
 * Only the {@link Event}s given to the sink: {@code visit} at session start, {@code impression}
 * per shown item, {@code click} (value = engagement minutes) and {@code purchase} (value 1), each
 * with the session id; and the catalogue of {@link #items()}. Hidden state lives in package-private
 * types ({@code HiddenUser}, {@code HiddenItem}) that no public method returns.
 *
 * <h2>Determinism</h2>
 * The catalogue and each user are drawn from streams of the seed; each (user, day) draws from its
 * own stream ({@link Rng#stream}), so runs of different policies on one seed share arrivals,
 * visit times and coin flips as far as their slates allow. Not thread-safe: one world per run.
 */
public final class World {
  private final SimConfig config;
  private final long seed;
  private final HiddenItem[] items;
  private final String[] itemIds;
  private final Map<String, Integer> itemIndex = new HashMap<>();
  private final HiddenUser[] users;
  private final List<List<HiddenUser>> visitsByDay;
  private final Outcomes outcomes;
  private int nextDay;

  public World(SimConfig config, long seed) {
    this.config = config;
    this.seed = seed;
    int n = config.items();
    items = new HiddenItem[n];
    itemIds = new String[n];
    SplittableRandom itemRng = Rng.stream(seed, -7, -7);
    int low = config.lowQualityTopics();
    int high = config.topics() - low;
    for (int i = 0; i < n; i++) {
      int topic = i % config.topics();
      double mean = topic < low
          ? (low == 1 ? -1.5 : -3.0 + 3.0 * topic / (low - 1))
          : (high == 1 ? 1.5 : 3.0 * (topic - low) / (high - 1));
      double quality = mean + config.qualitySd() * Rng.normal(itemRng);
      double clickbait = Rng.clamp(0.5 - quality / 6.0 + config.clickbaitSd() * Rng.normal(itemRng),
          0, 1);
      double price = Math.round(20.0 * StrictMath.exp(0.6 * Rng.normal(itemRng)) * 100) / 100.0;
      items[i] = new HiddenItem(topic, quality, clickbait, price);
      itemIds[i] = String.format(Locale.ROOT, "i%05d", i);
      itemIndex.put(itemIds[i], i);
    }
    users = new HiddenUser[config.users()];
    outcomes = new Outcomes(config.users(), config.days());
    visitsByDay = new ArrayList<>(config.days());
    for (int d = 0; d < config.days(); d++) {
      visitsByDay.add(new ArrayList<>());
    }
    for (int u = 0; u < users.length; u++) {
      SplittableRandom r = Rng.stream(seed, u, -1);
      int arrival = (int) (Rng.uniform(r) * config.arrivalDays());
      double[] interests = new double[config.topics()];
      for (int k = 0; k < interests.length; k++) {
        interests[k] = 2 * Rng.uniform(r) - 1;
      }
      users[u] = new HiddenUser(u, arrival, interests, config.userBiasSd() * Rng.normal(r));
      outcomes.arrival(u, arrival);
      visitsByDay.get(arrival).add(users[u]);
    }
  }

  public SimConfig config() {
    return config;
  }

  /** The catalogue as the engine sees it: id, topic name as the only category, price. */
  public List<Item> items() {
    List<Item> out = new ArrayList<>(items.length);
    for (int i = 0; i < items.length; i++) {
      out.add(new Item(itemIds[i], List.of(topicName(items[i].topic())), "item " + itemIds[i],
          null, items[i].price(), Map.of(), config.start(), false));
    }
    return out;
  }

  /**
   * The hidden truth of every item, for lab-side diagnostics only (how well an engine's estimates
   * track click-bait and quality). Policies never get a {@code World}, so the engine cannot call
   * this; copies, so the world cannot be changed through it.
   *
   * @param itemIds the catalogue's ids, index-aligned with the arrays
   */
  public record ItemTruth(List<String> itemIds, int[] topic, double[] quality, double[] clickbait) {}

  /** A copy of every item's hidden topic, quality and click-bait (diagnostics only). */
  public ItemTruth itemTruth() {
    int n = items.length;
    int[] topic = new int[n];
    double[] quality = new double[n];
    double[] clickbait = new double[n];
    for (int i = 0; i < n; i++) {
      topic[i] = items[i].topic();
      quality[i] = items[i].quality();
      clickbait[i] = items[i].clickbait();
    }
    return new ItemTruth(List.of(itemIds), topic, quality, clickbait);
  }

  public static String userId(int user) {
    return String.format(Locale.ROOT, "u%05d", user);
  }

  static String topicName(int topic) {
    return String.format(Locale.ROOT, "topic-%02d", topic);
  }

  /** The day {@link #simulateDay} runs next. */
  public int nextDay() {
    return nextDay;
  }

  public Outcomes outcomes() {
    return outcomes;
  }

  /**
   * Runs every visit of the next day, in order of session start, asking {@code server} for the
   * slates and giving each observable event to {@code sink} as it happens.
   *
   * @return the number of sessions of the day
   * @throws IllegalStateException after the last day
   * @throws IllegalArgumentException when the server returns an id that is not in the catalogue
   */
  public int simulateDay(SlateServer server, Consumer<Event> sink) {
    if (nextDay >= config.days()) {
      throw new IllegalStateException("all " + config.days() + " days were simulated");
    }
    int day = nextDay++;
    List<HiddenUser> today = visitsByDay.get(day);
    int n = today.size();
    long[] startMs = new long[n];
    SplittableRandom[] rngs = new SplittableRandom[n];
    Integer[] order = new Integer[n];
    long dayStart = config.start().toEpochMilli() + day * 86_400_000L;
    for (int v = 0; v < n; v++) {
      rngs[v] = Rng.stream(seed, today.get(v).index, day);
      // Sessions start before 20:00 so that a whole session ends the same day.
      startMs[v] = dayStart + (long) (Rng.uniform(rngs[v]) * 72_000_000L);
      order[v] = v;
    }
    Arrays.sort(order, (a, b) -> startMs[a] != startMs[b] ? Long.compare(startMs[a], startMs[b])
        : Integer.compare(today.get(a).index, today.get(b).index));
    for (int v : order) {
      session(today.get(v), day, startMs[v], rngs[v], server, sink);
    }
    return n;
  }

  private void session(HiddenUser u, int day, long startMs, SplittableRandom rng,
      SlateServer server, Consumer<Event> sink) {
    String userId = userId(u.index);
    String sessionId = userId + "-d" + day;
    outcomes.visit(u.index, day);
    outcomes.sessions++;
    if (u.lastVisitDay >= 0) {
      outcomes.gapSumDays += day - u.lastVisitDay;
      outcomes.gaps++;
    }
    u.lastVisitDay = day;
    long t = startMs;
    int seq = 0;
    sink.accept(event(userId, null, "visit", null, t, sessionId, seq++, -1));
    double budget = config.sessionBudget();
    double tau = config.sensitivity();
    List<String> shown = new ArrayList<>();
    int slates = 0;
    int clickedSlates = 0;
    double[] weight = new double[config.slateSize()];
    while (budget > 0 && slates < config.maxSlatesPerSession()) {
      t += 1000;
      List<String> slate = server.slate(new SlateServer.Request(userId, Instant.ofEpochMilli(t),
          sessionId, slates, List.copyOf(shown), config.slateSize()));
      int size = Math.min(slate.size(), config.slateSize());
      if (size == 0) {
        break;
      }
      int[] shownItems = new int[size];
      for (int s = 0; s < size; s++) {
        Integer i = itemIndex.get(slate.get(s));
        if (i == null) {
          throw new IllegalArgumentException("the policy returned item \"" + slate.get(s)
              + "\", which is not in the catalogue; return ids from World.items()");
        }
        shownItems[s] = i;
        shown.add(slate.get(s));
        sink.accept(event(userId, slate.get(s), "impression", null, t, sessionId, seq++, slates));
      }
      slates++;
      outcomes.slates++;
      outcomes.impressions += size;
      int samePairs = 0;
      int pairs = size * (size - 1) / 2;
      for (int a = 0; a < size; a++) {
        for (int b = a + 1; b < size; b++) {
          samePairs += items[shownItems[a]].topic() == items[shownItems[b]].topic() ? 1 : 0;
        }
      }
      double redundancy = pairs == 0 ? 0 : (double) samePairs / pairs;
      outcomes.slateDiversitySum += 1 - redundancy;
      double total = config.noClickMass();
      for (int s = 0; s < size; s++) {
        HiddenItem it = items[shownItems[s]];
        weight[s] = (u.interests[it.topic()] + 1) * (0.5 + it.clickbait());
        total += weight[s];
      }
      double factor = 1 - config.redundancyPenalty() * redundancy;
      double draw = Rng.uniform(rng);
      int chosen = -1;
      for (int s = 0; s < size && chosen < 0; s++) {
        double p = weight[s] / total * factor;
        if (draw < p) {
          chosen = s;
        }
        draw -= p;
      }
      if (chosen < 0) {
        budget -= config.skipPenalty();
        t += 10_000;
        continue;
      }
      clickedSlates++;
      int i = shownItems[chosen];
      HiddenItem it = items[i];
      double sat = u.satisfaction(tau);
      double loc = (it.clickbait() * config.chocolateMean()
          + (1 - it.clickbait()) * config.kaleMean()) * sat;
      double minutes = config.engagementScale()
          * StrictMath.exp(loc + config.engagementSd() * Rng.normal(rng));
      minutes = Math.round(minutes * 100) / 100.0;
      outcomes.clicks++;
      outcomes.engagementMinutes += minutes;
      outcomes.clickbaitSum += it.clickbait();
      t += 2000;
      sink.accept(event(userId, itemIds[i], "click", minutes, t, sessionId, seq++, slates - 1));
      budget += -minutes + config.qualityBudgetBoost() * minutes * it.quality();
      u.npe = config.memoryDiscount() * u.npe - 2 * (it.clickbait() - 0.5)
          + config.innovationSd() * Rng.normal(rng);
      double interest = u.interests[it.topic()];
      double step = config.interestStep() * (1 - Math.abs(interest));
      u.interests[it.topic()] = Rng.clamp(
          interest + (Rng.chance(rng, (interest + 1) / 2) ? step : -step), -1, 1);
      double pBuy = config.purchaseRate() * u.satisfaction(tau) * (interest + 1) / 2
          * Math.min(1, 20.0 / Math.max(it.price(), 0.01));
      if (Rng.chance(rng, pBuy)) {
        outcomes.purchases++;
        sink.accept(event(userId, itemIds[i], "purchase", 1.0, t + 1000, sessionId, seq++,
            slates - 1));
      }
      t += (long) (minutes * 60_000);
    }
    outcomes.satisfactionSum += u.satisfaction(tau);
    double feedback = slates == 0 ? 0 : (double) clickedSlates / slates;
    double p = Rng.clamp(config.returnBase() + u.bias + config.feedbackWeight() * feedback
        + config.satisfactionWeight() * (u.satisfaction(tau) - 0.5), 0.001, 0.999);
    int next = -1;
    for (int k = 0; k < config.maxReturnDays(); k++) {
      if (Rng.chance(rng, p)) {
        next = day + 1 + k;
        break;
      }
    }
    if (next < 0) {
      u.churned = true;
      outcomes.churn(u.index);
    } else if (next < config.days()) {
      u.nextVisitDay = next;
      visitsByDay.get(next).add(u);
    }
  }

  private static Event event(String user, String item, String type, Double value, long ms,
      String session, int seq, int page) {
    return new Event(user, item, type, value,
        OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC),
        new EventContext(session, null, null, page < 0 ? null : Integer.toString(page), Map.of()),
        session + "-" + seq);
  }
}
