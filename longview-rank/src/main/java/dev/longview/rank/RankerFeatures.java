package dev.longview.rank;

import dev.longview.core.snapshot.InteractionSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The ranker's feature space: statistics of a training snapshot (and optional embeddings) that
 * turn one {@link RankRequest} into one feature row per candidate. Built once per snapshot;
 * immutable and thread-safe (per-request scratch arrays are allocated per call).
 *
 * <p>Design: every feature is a number the trees can split on, missing values are NaN (LightGBM
 * learns a direction for them), and nothing reads the candidate's label or anything after the
 * request time except the snapshot itself (build the snapshot from events before the requests you
 * train on). Embeddings enter as dot products, norms and cosines, never raw dimensions. Features,
 * in row order (stable names; {@link #label} gives the readable ones):
 *
 * <ul>
 *   <li>user: interactions (log), days since last and since first interaction, distinct active
 *       days (RFM recency / frequency), mean popularity of their items (mainstreamness);
 *   <li>item: popularity (log), interactions in the last {@code recentDays} before the request
 *       (log), days since its first interaction, its category (categorical, the most specific
 *       label), price, embedding norm;
 *   <li>context: hour of day and weekday (in {@code zone}), device (categorical, vocabulary from
 *       the training groups), max and mean cosine to the session's items (factor vectors), cosine
 *       to the query (text vectors);
 *   <li>crosses: user-item factor dot product, the user's share of history in the item's
 *       categories, the lift of the item's categories at this time of day over all users
 *       (P(category | daypart) / P(category)), item popularity minus the user's mean;
 *   <li>per recall source: raw score, rank among this request's candidates of that source
 *       (1 = best), min-max normalised score (the fixed blend's input), and how many sources found
 *       the item;
 *   <li>the caller's {@link UserSignals} (format 2 of {@link RankerModel}): lifecycle stage
 *       (categorical, vocabulary from the training groups), churn risk, total purchase value
 *       (log; RFM's monetary). Their crosses with item popularity and novelty are left to the
 *       trees (a split on the stage or the risk, then on the item's popularity or the user's
 *       category affinity): explicit products churn risk x item popularity and churn risk x (1 -
 *       category affinity) were tried and dropped, since a per-user continuous risk times an item
 *       statistic let LightGBM fit individual users on small data (the pipeline's planted-shop
 *       test lost its group structure with them).
 * </ul>
 */
public final class RankerFeatures {
  static final String[][] BASE = {
      {"user_history_log", "user's interactions (log)"},
      {"user_days_since_last", "days since the user's last interaction"},
      {"user_tenure_days", "days since the user's first interaction"},
      {"user_active_days", "user's distinct active days"},
      {"user_mean_item_pop", "user's mean item popularity (log)"},
      {"item_pop_log", "item popularity (log)"},
      {"item_recent_pop_log", "item's recent interactions (log)"},
      {"item_age_days", "days since the item's first interaction"},
      {"item_category", "item category"},
      {"item_price", "item price"},
      {"item_embedding_norm", "item embedding norm"},
      {"hour_of_day", "hour of day"},
      {"weekday", "weekday"},
      {"device", "device"},
      {"session_sim_max", "max similarity to session items"},
      {"session_sim_mean", "mean similarity to session items"},
      {"query_sim", "similarity to the query"},
      {"user_item_dot", "user-item embedding dot product"},
      {"user_category_affinity", "user's affinity to the item's category"},
      {"category_daypart_lift", "item category's lift at this time of day"},
      {"pop_vs_user_mean", "item popularity vs the user's usual"},
      {"sources_found", "number of recall sources that found it"},
      {"user_stage", "user's lifecycle stage"},
      {"user_churn_risk", "user's churn risk"},
      {"user_monetary_log", "user's total purchase value (log)"},
  };
  static final int ITEM_CATEGORY = 8;
  static final int DEVICE = 13;
  static final int USER_STAGE = 22;
  static final int DAYPARTS = 4;

  private final InteractionSnapshot snapshot;
  private final Embeddings factors;
  private final Embeddings text;
  private final ZoneId zone;
  private final long recentSeconds;
  private final int recentDays;
  // Items.
  private final float[] itemLogPop;
  private final int[] itemTimePtr;
  private final long[] itemTimes;
  private final float[] itemNorm;
  private final int[] itemCategory;
  // Users.
  private final float[] userLogCount;
  private final long[] userFirst;
  private final long[] userLast;
  private final float[] userActiveDays;
  private final float[] userMeanPop;
  // Categories.
  private final float[] categoryDaypartLift;

  private RankerFeatures(InteractionSnapshot s, Embeddings factors, Embeddings text, ZoneId zone,
      int recentDays) {
    this.snapshot = s;
    this.factors = factors;
    this.text = text;
    this.zone = zone;
    this.recentDays = recentDays;
    this.recentSeconds = recentDays * 86_400L;
    int items = s.itemCount();
    int users = s.userCount();
    int cats = s.categoryNames().size();
    int[] count = new int[items];
    for (int p = 0; p < s.size(); p++) {
      if (s.weightAt(p) > 0) {
        count[s.itemAt(p)]++;
      }
    }
    itemLogPop = new float[items];
    itemTimePtr = new int[items + 1];
    for (int i = 0; i < items; i++) {
      itemLogPop[i] = (float) Math.log1p(count[i]);
      itemTimePtr[i + 1] = itemTimePtr[i] + count[i];
    }
    itemTimes = new long[itemTimePtr[items]];
    int[] fill = Arrays.copyOf(itemTimePtr, items);
    long[] catCount = new long[cats];
    long[] catDaypart = new long[cats * DAYPARTS];
    long[] daypartTotal = new long[DAYPARTS];
    userLogCount = new float[users];
    userFirst = new long[users];
    userLast = new long[users];
    userActiveDays = new float[users];
    userMeanPop = new float[users];
    for (int u = 0; u < users; u++) {
      int n = 0;
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      long prevDay = Long.MIN_VALUE;
      int days = 0;
      double pop = 0;
      for (int p = s.userStart(u); p < s.userEnd(u); p++) {
        if (s.weightAt(p) <= 0) {
          continue;
        }
        int i = s.itemAt(p);
        long t = s.epochSecondAt(p);
        itemTimes[fill[i]++] = t;
        n++;
        first = Math.min(first, t);
        last = Math.max(last, t);
        long day = Math.floorDiv(t, 86_400L);
        if (day != prevDay) {
          days++;
          prevDay = day;
        }
        pop += itemLogPop[i];
        int part = daypart(t);
        daypartTotal[part]++;
        for (int c : s.itemCategoryIndices(i)) {
          catCount[c]++;
          catDaypart[c * DAYPARTS + part]++;
        }
      }
      userLogCount[u] = (float) Math.log1p(n);
      userFirst[u] = n == 0 ? Long.MIN_VALUE : first;
      userLast[u] = n == 0 ? Long.MIN_VALUE : last;
      userActiveDays[u] = days;
      userMeanPop[u] = n == 0 ? Float.NaN : (float) (pop / n);
    }
    for (int i = 0; i < items; i++) {
      Arrays.sort(itemTimes, itemTimePtr[i], itemTimePtr[i + 1]);
    }
    long total = 0;
    for (long c : daypartTotal) {
      total += c;
    }
    categoryDaypartLift = new float[cats * DAYPARTS];
    for (int c = 0; c < cats; c++) {
      for (int d = 0; d < DAYPARTS; d++) {
        // Add-one smoothing so that rare categories and empty dayparts stay near lift 1.
        double pGivenPart = (catDaypart[c * DAYPARTS + d] + 1.0) / (daypartTotal[d] + cats);
        double p = (catCount[c] + 1.0) / (total + cats);
        categoryDaypartLift[c * DAYPARTS + d] = (float) (pGivenPart / p);
      }
    }
    itemNorm = new float[items];
    itemCategory = new int[items];
    for (int i = 0; i < items; i++) {
      itemNorm[i] = factors == null ? Float.NaN : factors.itemNorm(i);
      int[] cs = s.itemCategoryIndices(i);
      itemCategory[i] = cs.length == 0 ? -1 : cs[cs.length - 1];
    }
  }

  /**
   * The feature space of {@code snapshot}.
   *
   * @param factors user and item vectors of a factor model trained on the same snapshot (same
   *     indices), or null: the embedding features are then missing
   * @param text item text vectors (users null) for query similarity, or null
   * @param zone the time zone of hour-of-day, weekday and daypart features
   * @param recentDays the window of the item's recent popularity, in days (>= 1)
   */
  public static RankerFeatures of(InteractionSnapshot snapshot, Embeddings factors,
      Embeddings text, ZoneId zone, int recentDays) {
    if (snapshot == null || zone == null) {
      throw new IllegalArgumentException("a feature space needs a snapshot and a time zone");
    }
    if (recentDays < 1) {
      throw new IllegalArgumentException("recentDays was " + recentDays + "; use at least 1");
    }
    checkCover("factors", factors, snapshot, true);
    checkCover("text", text, snapshot, false);
    return new RankerFeatures(snapshot, factors, text, zone, recentDays);
  }

  private static void checkCover(String what, Embeddings e, InteractionSnapshot s, boolean users) {
    if (e == null) {
      return;
    }
    if (e.itemCount() != s.itemCount() || (users && e.users() != null
        && e.userCount() != s.userCount())) {
      throw new IllegalArgumentException(what + " embeddings cover " + e.userCount() + " users x "
          + e.itemCount() + " items but the snapshot has " + s.userCount() + " x "
          + s.itemCount() + "; train them on the same snapshot");
    }
  }

  public InteractionSnapshot snapshot() {
    return snapshot;
  }

  public ZoneId zone() {
    return zone;
  }

  public int recentDays() {
    return recentDays;
  }

  int daypart(long epochSecond) {
    return hour(epochSecond) / (24 / DAYPARTS);
  }

  int hour(long epochSecond) {
    return ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone).getHour();
  }

  /** Feature names for these recall sources, in row order. */
  static List<String> names(List<String> sources) {
    List<String> out = new ArrayList<>();
    for (String[] f : BASE) {
      out.add(f[0]);
    }
    for (String s : sources) {
      String safe = s.replaceAll("[^A-Za-z0-9]", "_");
      out.add("src_" + safe + "_score");
      out.add("src_" + safe + "_rank");
      out.add("src_" + safe + "_norm");
    }
    return out;
  }

  /** Readable feature labels for these recall sources, in row order. */
  static List<String> labels(List<String> sources) {
    List<String> out = new ArrayList<>();
    for (String[] f : BASE) {
      out.add(f[1]);
    }
    for (String s : sources) {
      out.add(s + " score");
      out.add(s + " rank");
      out.add(s + " normalised score");
    }
    return out;
  }

  static int width(int sources) {
    return BASE.length + 3 * sources;
  }

  /**
   * Writes one row per candidate of {@code r} to {@code out} from {@code offset} on ({@link
   * #width} floats each).
   *
   * @throws IllegalArgumentException for a user, item or session item outside the snapshot, or a
   *     query vector of the wrong dimension or without text vectors
   */
  void featurise(RankRequest r, Map<String, Integer> devices, Map<String, Integer> stages,
      float[] out, int offset) {
    InteractionSnapshot s = snapshot;
    int u = r.user();
    if (u < -1 || u >= s.userCount()) {
      throw new IllegalArgumentException("user " + u + " is outside 0.." + (s.userCount() - 1)
          + "; pass -1 for a user the snapshot does not know");
    }
    RankContext c = r.context();
    long t = c.epochSecond();
    for (int k = 0; k < r.size(); k++) {
      checkItem("candidate", k, r.item(k));
    }
    for (int k = 0; k < c.sessionSize(); k++) {
      checkItem("session item", k, c.sessionItem(k));
    }
    float[] q = c.query();
    if (q != null) {
      if (text == null) {
        throw new IllegalArgumentException("the request has a query vector but the ranker was"
            + " built without item text vectors; drop the query or build the features with text"
            + " embeddings");
      }
      if (q.length != text.dims()) {
        throw new IllegalArgumentException("query vector has " + q.length + " dims but item text"
            + " vectors have " + text.dims());
      }
    }
    boolean known = u >= 0 && s.userDegree(u) > 0 && userFirst[u] != Long.MIN_VALUE;
    // Per-request values.
    float uHist = u >= 0 ? userLogCount[u] : Float.NaN;
    float uSinceLast = known ? (t - userLast[u]) / 86_400f : Float.NaN;
    float uTenure = known ? (t - userFirst[u]) / 86_400f : Float.NaN;
    float uDays = u >= 0 ? userActiveDays[u] : Float.NaN;
    float uPop = u >= 0 ? userMeanPop[u] : Float.NaN;
    ZonedDateTime when = ZonedDateTime.ofInstant(Instant.ofEpochSecond(t), zone);
    int hour = when.getHour();
    int part = hour / (24 / DAYPARTS);
    float weekday = when.getDayOfWeek().getValue() - 1;
    Integer dev = c.device() == null ? null : devices.get(c.device());
    float device = dev == null ? Float.NaN : dev;
    UserSignals us = r.userSignals();
    Integer st = us.stage() == null ? null : stages.get(us.stage());
    float stage = st == null ? Float.NaN : st;
    float churn = us.churnRisk();
    float monetary = (float) Math.log1p(us.monetary());
    float[] catShare = null;
    int cats = s.categoryNames().size();
    if (known && cats > 0) {
      catShare = new float[cats];
      float total = 0;
      for (int p = s.userStart(u); p < s.userEnd(u); p++) {
        if (s.weightAt(p) > 0) {
          total++;
          for (int cat : s.itemCategoryIndices(s.itemAt(p))) {
            catShare[cat]++;
          }
        }
      }
      for (int cat = 0; cat < cats; cat++) {
        catShare[cat] /= total;
      }
    }
    boolean userVectors = factors != null && factors.users() != null && u >= 0
        && u < factors.userCount();
    float qNorm = q == null ? 0 : norm(q);
    int sources = r.sourceCount();
    float[] min = new float[sources];
    float[] max = new float[sources];
    int[][] rank = new int[sources][];
    for (int src = 0; src < sources; src++) {
      min[src] = Float.POSITIVE_INFINITY;
      max[src] = Float.NEGATIVE_INFINITY;
      rank[src] = ranks(r, src);
      for (int k = 0; k < r.size(); k++) {
        float v = r.score(src, k);
        if (v == v) {
          min[src] = Math.min(min[src], v);
          max[src] = Math.max(max[src], v);
        }
      }
    }
    int w = width(sources);
    for (int k = 0; k < r.size(); k++) {
      int i = r.item(k);
      int o = offset + k * w;
      out[o] = uHist;
      out[o + 1] = uSinceLast;
      out[o + 2] = uTenure;
      out[o + 3] = uDays;
      out[o + 4] = uPop;
      out[o + 5] = itemLogPop[i];
      out[o + 6] = (float) Math.log1p(countIn(i, t - recentSeconds, t));
      out[o + 7] = itemTimePtr[i + 1] > itemTimePtr[i]
          ? (t - itemTimes[itemTimePtr[i]]) / 86_400f : Float.NaN;
      out[o + 8] = itemCategory[i] < 0 ? Float.NaN : itemCategory[i];
      out[o + 9] = s.itemPrice(i);
      out[o + 10] = itemNorm[i];
      out[o + 11] = hour;
      out[o + 12] = weekday;
      out[o + 13] = device;
      float simMax = Float.NaN;
      float simMean = Float.NaN;
      if (factors != null && c.sessionSize() > 0 && itemNorm[i] > 0) {
        float sum = 0;
        simMax = Float.NEGATIVE_INFINITY;
        for (int x = 0; x < c.sessionSize(); x++) {
          int j = c.sessionItem(x);
          float sim = itemNorm[j] > 0 ? factors.itemDot(i, j) / (itemNorm[i] * itemNorm[j]) : 0;
          sum += sim;
          simMax = Math.max(simMax, sim);
        }
        simMean = sum / c.sessionSize();
      }
      out[o + 14] = simMax;
      out[o + 15] = simMean;
      float qs = Float.NaN;
      if (q != null) {
        float n = norm(text, i);
        qs = n > 0 && qNorm > 0 ? text.itemVectorDot(i, q) / (n * qNorm) : 0;
      }
      out[o + 16] = qs;
      out[o + 17] = userVectors ? factors.userItemDot(u, i) : Float.NaN;
      int[] ic = s.itemCategoryIndices(i);
      float aff = Float.NaN;
      float lift = Float.NaN;
      if (ic.length > 0) {
        float a = 0;
        float l = 0;
        for (int cat : ic) {
          a += catShare == null ? 0 : catShare[cat];
          l += categoryDaypartLift[cat * DAYPARTS + part];
        }
        aff = catShare == null ? Float.NaN : a / ic.length;
        lift = l / ic.length;
      }
      out[o + 18] = aff;
      out[o + 19] = lift;
      out[o + 20] = itemLogPop[i] - uPop;
      int found = 0;
      for (int src = 0; src < sources; src++) {
        float v = r.score(src, k);
        int b = o + BASE.length + 3 * src;
        if (v == v) {
          found++;
          out[b] = v;
          out[b + 1] = rank[src][k];
          out[b + 2] = max[src] > min[src] ? (v - min[src]) / (max[src] - min[src]) : 1f;
        } else {
          out[b] = Float.NaN;
          out[b + 1] = Float.NaN;
          out[b + 2] = Float.NaN;
        }
      }
      out[o + 21] = found;
      out[o + 22] = stage;
      out[o + 23] = churn;
      out[o + 24] = monetary;
    }
  }

  private void checkItem(String what, int k, int item) {
    if (item < 0 || item >= snapshot.itemCount()) {
      throw new IllegalArgumentException(what + " " + k + " is item " + item + ", outside 0.."
          + (snapshot.itemCount() - 1) + "; map external ids with the snapshot's itemIndex first");
    }
  }

  /** 1-based rank of each candidate among those source {@code src} found, ties by item index. */
  private static int[] ranks(RankRequest r, int src) {
    int n = r.size();
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> {
      float x = r.score(src, a);
      float y = r.score(src, b);
      boolean nx = x != x;
      boolean ny = y != y;
      if (nx || ny) {
        return nx == ny ? Integer.compare(r.item(a), r.item(b)) : (nx ? 1 : -1);
      }
      return x != y ? Float.compare(y, x) : Integer.compare(r.item(a), r.item(b));
    });
    int[] rank = new int[n];
    for (int pos = 0; pos < n; pos++) {
      rank[order[pos]] = pos + 1;
    }
    return rank;
  }

  /** Interactions with {@code item} at times in [from, to). */
  private int countIn(int item, long from, long to) {
    return lowerBound(item, to) - lowerBound(item, from);
  }

  private int lowerBound(int item, long t) {
    int lo = itemTimePtr[item];
    int hi = itemTimePtr[item + 1];
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (itemTimes[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static float norm(float[] v) {
    float s = 0;
    for (float x : v) {
      s += x * x;
    }
    return (float) Math.sqrt(s);
  }

  private static float norm(Embeddings e, int item) {
    return e.itemNorm(item);
  }
}
