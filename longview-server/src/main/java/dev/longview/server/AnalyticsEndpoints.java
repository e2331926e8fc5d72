package dev.longview.server;

import dev.longview.churn.ChurnEvaluation;
import dev.longview.churn.ChurnRisk;
import dev.longview.core.Event;
import dev.longview.core.User;
import dev.longview.lifecycle.ActiveDays;
import dev.longview.lifecycle.ActivityLog;
import dev.longview.lifecycle.LifecycleClassifier;
import dev.longview.lifecycle.LifecycleConfig;
import dev.longview.lifecycle.RetentionTable;
import dev.longview.lifecycle.ReturnScores;
import dev.longview.store.EventStore;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The dashboard's JSON: {@code GET /api/v1/analytics/overview}, {@code lifecycle},
 * {@code retention}, {@code commerce}, {@code users} (search), {@code users/{id}} and
 * {@code models} (scope read).
 *
 * <p>Every answer is computed from the shared {@link AnalyticsData} version and kept in a
 * {@link ResultCache} under that version and the query, so a page asked for twice is computed
 * once, and a new data version (API writes, an import) starts afresh. Each answer carries a
 * {@code data} block (version, when loaded, whether a reload is due) and {@code computeSeconds}
 * (what it cost when it was computed). Churn risk (a logistic regression trained on the store's
 * monthly cutoffs, {@link ChurnRisk}) and the model's coverage are computed in the background
 * once per data or model version; until then the answer says {@code "status": "computing"}.
 * Thread-safe.
 */
final class AnalyticsEndpoints {
  static final int MAX_SEARCH = 200;
  static final int RECENT_EVENTS = 20;
  static final int COVERAGE_USERS = 500;
  static final int COVERAGE_N = 10;

  private final EventStore store;
  private final AnalyticsData data;
  private final DashboardServing serving;
  private final LabResults lab;
  private final ResultCache cache = new ResultCache(256);
  private volatile long cachedVersion;

  AnalyticsEndpoints(EventStore store, AnalyticsData data, DashboardServing serving) {
    this(store, data, serving, null);
  }

  /** @param labResults a saved {@code longview lab run --json} output, or null for none */
  AnalyticsEndpoints(EventStore store, AnalyticsData data, DashboardServing serving,
      java.nio.file.Path labResults) {
    this.store = store;
    this.data = data;
    this.serving = serving;
    this.lab = new LabResults(labResults);
    data.onLoad(this::precompute);
  }

  /**
   * Computes the pages' default answers (the last 12 weeks: overview, lifecycle, first-time
   * N-day retention, commerce) for a newly loaded version, so that the first visit finds them
   * cached.
   */
  void precompute(AnalyticsData.Version v) {
    AnalyticsQuery q = AnalyticsQuery.of(null, null, null, null, null, v.counts());
    cached(v, q, "overview", () -> AnalyticsReports.overview(v.log(), activeDays(v, q), q));
    cached(v, q, "lifecycle|null", () -> AnalyticsReports.lifecycle(v.log(), activeDays(v, q),
        states(v, q), q, null));
    cached(v, q, "retention|first-time|n-day|[]", () -> AnalyticsReports.retention(
        activeDays(v, q), q, RetentionTable.Cohorts.FIRST_TIME, RetentionTable.Variant.N_DAY,
        List.of()));
    cached(v, q, "commerce", () -> AnalyticsReports.commerce(v.log(), q));
  }

  /** GET /api/v1/analytics/overview. */
  void overview(ServerRequest req, ServerResponse res) {
    AnalyticsData.Version v = version();
    AnalyticsQuery q = AnalyticsQuery.of(req, v.counts());
    send(res, v, q, "overview", () -> AnalyticsReports.overview(v.log(), activeDays(v, q), q));
  }

  /** GET /api/v1/analytics/lifecycle?splitBy=ATTR. */
  void lifecycle(ServerRequest req, ServerResponse res) {
    AnalyticsData.Version v = version();
    AnalyticsQuery q = AnalyticsQuery.of(req, v.counts());
    String splitBy = Requests.text(req, "splitBy");
    if (splitBy != null && splitBy.length() > 200) {
      throw ApiException.badRequest("splitBy", "splitBy is " + splitBy.length()
          + " characters; name a user attribute (at most 200)");
    }
    send(res, v, q, "lifecycle|" + splitBy, () -> AnalyticsReports.lifecycle(v.log(),
        activeDays(v, q), states(v, q), q, splitBy));
  }

  /**
   * GET /api/v1/analytics/retention?cohorts=first-time|recurring&variant=n-day|unbounded|bracket
   * &brackets=0,1-3,4-7.
   */
  void retention(ServerRequest req, ServerResponse res) {
    AnalyticsData.Version v = version();
    AnalyticsQuery q = AnalyticsQuery.of(req, v.counts());
    String cohortsText = Optional.ofNullable(Requests.text(req, "cohorts")).orElse("first-time");
    RetentionTable.Cohorts cohorts = switch (cohortsText) {
      case "first-time" -> RetentionTable.Cohorts.FIRST_TIME;
      case "recurring" -> RetentionTable.Cohorts.RECURRING;
      default -> throw ApiException.badRequest("cohorts", "cohorts was \"" + cohortsText
          + "\"; use first-time or recurring");
    };
    String variantText = Optional.ofNullable(Requests.text(req, "variant")).orElse("n-day");
    RetentionTable.Variant variant = switch (variantText) {
      case "n-day" -> RetentionTable.Variant.N_DAY;
      case "unbounded" -> RetentionTable.Variant.UNBOUNDED;
      case "bracket" -> RetentionTable.Variant.BRACKET;
      default -> throw ApiException.badRequest("variant", "variant was \"" + variantText
          + "\"; use n-day, unbounded or bracket");
    };
    String bracketText = Requests.text(req, "brackets");
    List<RetentionTable.Bracket> brackets = variant == RetentionTable.Variant.BRACKET
        ? brackets(bracketText == null ? "0,1,2-3,4-7" : bracketText) : List.of();
    send(res, v, q, "retention|" + cohortsText + "|" + variantText + "|" + brackets,
        () -> AnalyticsReports.retention(activeDays(v, q), q, cohorts, variant, brackets));
  }

  /** GET /api/v1/analytics/commerce. */
  void commerce(ServerRequest req, ServerResponse res) {
    AnalyticsData.Version v = version();
    AnalyticsQuery q = AnalyticsQuery.of(req, v.counts());
    send(res, v, q, "commerce", () -> AnalyticsReports.commerce(v.log(), q));
  }

  /** GET /api/v1/analytics/users?q=TEXT&limit=20: users whose id contains TEXT. */
  void search(ServerRequest req, ServerResponse res) {
    AnalyticsData.Version v = version();
    String text = Requests.text(req, "q");
    if (text != null && text.length() > 256) {
      throw ApiException.badRequest("q", "q is " + text.length() + " characters; at most 256");
    }
    int limit = Requests.intParam(req, "limit", 20, 1, MAX_SEARCH);
    String key = "d" + v.number() + "|search|" + limit + "|" + (text == null ? "" : text);
    long start = System.nanoTime();
    Map<String, Object> body = new LinkedHashMap<>(cache.get(key,
        () -> AnalyticsReports.search(v.log(), text, limit)));
    body.put("data", dataBlock(v));
    body.put("seconds", AnalyticsReports.round((System.nanoTime() - start) / 1e9, 4));
    Json.send(res, 200, body);
  }

  /**
   * GET /api/v1/analytics/users/{id}: attributes, lifecycle state, stage and history, activity,
   * churn risk, the latest events and current recommendations.
   */
  void user(ServerRequest req, ServerResponse res) {
    String id = Requests.id(req, "id");
    AnalyticsData.Version v = version();
    AnalyticsQuery q = AnalyticsQuery.of(req, v.counts());
    long start = System.nanoTime();
    Optional<User> stored = store.user(id);
    int u = v.log().userIndex(id);
    if (stored.isEmpty() && u < 0) {
      throw ApiException.notFound("no user \"" + id + "\"");
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("range", AnalyticsReports.range(q));
    o.put("data", dataBlock(v));
    o.put("attributes", stored.map(User::attributes).orElse(Map.of()));
    o.put("firstSeen", stored.map(User::firstSeen).map(Object::toString).orElse(null));
    if (u >= 0) {
      o.put("lifecycle", cache.get("d" + v.number() + "|user|" + q.key() + "|" + id,
          () -> AnalyticsReports.user(v.log(), q, u)));
    } else {
      o.put("lifecycle", null);
      o.put("lifecycleNote", "this user is newer than the analytics data (loaded at "
          + v.loadedAt() + "); a reload is due");
    }
    o.put("churn", churn(v, u));
    // Read from the store (the extract has no item ids), once per data version like the rest.
    o.put("recentEvents", cache.get("d" + v.number() + "|events|" + id, () -> recentEvents(id)));
    o.put("recommendations", recommendations(id));
    o.put("computeSeconds", AnalyticsReports.round((System.nanoTime() - start) / 1e9, 4));
    Json.send(res, 200, o);
  }

  /**
   * GET /api/v1/analytics/models: the loaded bundle, its coverage and diversity on sampled users,
   * what is not measured yet (offline metrics) and the latest lab comparison of policies (the
   * file named by the config's {@code labResults}; see {@link LabResults}).
   */
  void models(ServerRequest req, ServerResponse res) {
    Map<String, Object> o = new LinkedHashMap<>();
    DashboardServing.ModelSummary m = serving.model();
    if (m == null) {
      o.put("status", "training");
      o.put("current", null);
    } else {
      o.put("status", "loaded");
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", m.name());
      c.put("version", m.version());
      c.put("trainedAt", m.trainedAt().toString());
      c.put("trainingSeconds", AnalyticsReports.round(m.trainingSeconds(), 3));
      c.put("users", m.users());
      c.put("items", m.items());
      c.put("interactions", m.interactions());
      c.put("bytesPerInteraction", AnalyticsReports.round(m.bytesPerInteraction(), 2));
      o.put("current", c);
      Map<String, Object> coverage;
      try {
        coverage = cache.ifReady("m" + m.version() + "|coverage",
            () -> serving.coverage(COVERAGE_USERS, COVERAGE_N, 42));
        coverage = coverage == null ? Map.of("status", "computing")
            : withStatus("ready", coverage);
      } catch (RuntimeException e) {
        coverage = Map.of("status", "unavailable", "reason", String.valueOf(e.getMessage()));
      }
      o.put("coverage", coverage);
    }
    o.put("offline", Map.of("status", "none", "detail", "no offline evaluation is recorded with"
        + " the served model; measure one with `longview eval` (see BENCHMARKS.md)"));
    o.put("lab", lab.block());
    Json.send(res, 200, o);
  }

  // ---- shared pieces ------------------------------------------------------------------------

  private AnalyticsData.Version version() {
    AnalyticsData.Version v = data.current();
    if (v.number() != cachedVersion) {
      String keep = "d" + v.number() + "|";
      cache.removeIf(k -> k.startsWith("d") && !k.startsWith(keep));
      cachedVersion = v.number();
    }
    return v;
  }

  private void send(ServerResponse res, AnalyticsData.Version v, AnalyticsQuery q, String what,
      Supplier<Map<String, Object>> compute) {
    Map<String, Object> out = new LinkedHashMap<>(cached(v, q, what, compute));
    out.put("data", dataBlock(v));
    Json.send(res, 200, out);
  }

  /** The answer {@code what} for {@code q} on version {@code v}, computed once. */
  private Map<String, Object> cached(AnalyticsData.Version v, AnalyticsQuery q, String what,
      Supplier<Map<String, Object>> compute) {
    String key = "d" + v.number() + "|" + what + "|" + q.key();
    return cache.get(key, () -> {
      long start = System.nanoTime();
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("range", AnalyticsReports.range(q));
      o.putAll(compute.get());
      o.put("computeSeconds", AnalyticsReports.round((System.nanoTime() - start) / 1e9, 4));
      return o;
    });
  }

  private Map<String, Object> dataBlock(AnalyticsData.Version v) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("version", v.number());
    d.put("loadedAt", v.loadedAt().toString());
    d.put("loadSeconds", AnalyticsReports.round(v.loadSeconds(), 3));
    d.put("users", v.log().users());
    d.put("events", v.log().events());
    d.put("firstEvent", v.counts().firstEvent() == null ? null : v.counts().firstEvent().toString());
    d.put("lastEvent", v.counts().lastEvent() == null ? null : v.counts().lastEvent().toString());
    d.put("reloadDue", data.stale(v));
    return d;
  }

  private ActiveDays activeDays(AnalyticsData.Version v, AnalyticsQuery q) {
    return cache.get("d" + v.number() + "|activeDays|" + q.profile() + "|" + q.zone().getId()
        + "|" + q.asOf().toEpochMilli(), () -> ActiveDays.of(v.log(), q.config(), q.asOf(), q.zone()));
  }

  private LifecycleClassifier.Result states(AnalyticsData.Version v, AnalyticsQuery q) {
    return cache.get("d" + v.number() + "|states|" + q.profile() + "|" + q.zone().getId()
        + "|" + q.asOf().toEpochMilli(), () -> LifecycleClassifier.classify(v.log(), q.config(),
        q.asOf(), q.zone(), ReturnScores.NONE));
  }

  /**
   * Churn risk of user {@code u}: 1 - P(return within 90 days) from {@link ChurnRisk}, trained
   * on this data version's monthly cutoffs (UTC, commerce profile) as of just after the last
   * event.
   */
  private Map<String, Object> churn(AnalyticsData.Version v, int u) {
    ChurnEvaluation.Config config = ChurnEvaluation.Config.defaults();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("model", "logistic regression on leakage-free features at monthly cutoffs (longview"
        + " churn); P(no active event in the next " + config.horizonDays() + " days)");
    o.put("horizonDays", config.horizonDays());
    if (v.counts().lastEvent() == null) {
      o.put("status", "unavailable");
      o.put("reason", "the store has no events");
      return o;
    }
    double[] returnProbability;
    try {
      returnProbability = cache.ifReady("d" + v.number() + "|churn", () -> {
        ActivityLog log = v.log();
        ReturnScores scores = ChurnRisk.returnScores(log, LifecycleConfig.commerce(),
            ZoneOffset.UTC, v.counts().lastEvent().plusMillis(1), config);
        double[] p = new double[log.users()];
        for (int i = 0; i < p.length; i++) {
          p[i] = scores.probabilityOfReturn(i);
        }
        return p;
      });
    } catch (RuntimeException e) {
      o.put("status", "unavailable");
      o.put("reason", String.valueOf(e.getMessage()));
      return o;
    }
    if (returnProbability == null) {
      o.put("status", "computing");
      return o;
    }
    if (u < 0 || Double.isNaN(returnProbability[u])) {
      o.put("status", "no score");
      o.put("reason", "the user has no active event in the " + config.windowDays()
          + "-day feature window before the last event");
      return o;
    }
    o.put("status", "ready");
    o.put("churnRisk", AnalyticsReports.round(1 - returnProbability[u], 4));
    o.put("returnProbability", AnalyticsReports.round(returnProbability[u], 4));
    return o;
  }

  private List<Map<String, Object>> recentEvents(String id) {
    ArrayDeque<Event> last = new ArrayDeque<>(RECENT_EVENTS);
    try (Stream<Event> events = store.eventsOfUser(id)) {
      for (Iterator<Event> it = events.iterator(); it.hasNext(); ) {
        if (last.size() == RECENT_EVENTS) {
          last.removeFirst();
        }
        last.addLast(it.next());
      }
    }
    List<Map<String, Object>> out = new ArrayList<>(last.size());
    for (Iterator<Event> it = last.descendingIterator(); it.hasNext(); ) {
      out.add(Payloads.json(it.next()));
    }
    return out;
  }

  private Map<String, Object> recommendations(String id) {
    if (serving.model() == null) {
      return Map.of("status", "training", "detail", "no model is loaded yet; the first training"
          + " is running");
    }
    return withStatus("ready", serving.recommend(id, 10));
  }

  private static Map<String, Object> withStatus(String status, Map<String, Object> body) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("status", status);
    o.putAll(body);
    return o;
  }

  /** Parses "0,1-3,4-7" into brackets; 400 naming {@code brackets} otherwise. */
  static List<RetentionTable.Bracket> brackets(String text) {
    List<RetentionTable.Bracket> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      try {
        int dash = p.indexOf('-');
        int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
        int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).trim());
        if (hi > AnalyticsQuery.MAX_PERIODS) {
          throw new IllegalArgumentException("offset " + hi + " is beyond "
              + AnalyticsQuery.MAX_PERIODS);
        }
        RetentionTable.Bracket b = new RetentionTable.Bracket(lo, hi);
        if (!out.isEmpty() && b.lo() <= out.get(out.size() - 1).hi()) {
          throw new IllegalArgumentException("brackets must be in increasing order without"
              + " overlap");
        }
        out.add(b);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("brackets", "brackets \"" + text + "\": \"" + p + "\" "
            + (e instanceof NumberFormatException ? "is not N or LO-HI" : e.getMessage())
            + "; write e.g. 0,1-3,4-7 (interval offsets, increasing)");
      }
    }
    if (out.size() > 64) {
      throw ApiException.badRequest("brackets", "at most 64 brackets, got " + out.size());
    }
    return out;
  }
}
