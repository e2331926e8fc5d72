package dev.longview.retention.policy;

import dev.longview.algorithms.Algorithms;
import dev.longview.core.Event;
import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.lifecycle.ActivityLog;
import dev.longview.lifecycle.LifecycleClassifier;
import dev.longview.lifecycle.LifecycleConfig;
import dev.longview.lifecycle.ReturnScores;
import dev.longview.lifecycle.UserState;
import dev.longview.retention.ItemSignals;
import dev.longview.retention.LongTermValueEstimator;
import dev.longview.retention.LongTermValues;
import dev.longview.retention.RetentionAwareReranker;
import dev.longview.retention.SessionHistory;
import dev.longview.retention.StagePolicy;
import dev.longview.store.EventStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Longview's engine as a lab policy, in three strengths:
 * <ul>
 *   <li>{@code popular}: no model; everyone gets the most consumed items (snapshot weights).
 *   <li>{@code myopic}: a registry model (e.g. ials) trained on the snapshot, candidates through
 *       the shared filter (consumed and already shown items) and top-K; nothing else.
 *   <li>{@code longview}: myopic's candidates, re-ranked by the {@link RetentionAwareReranker}
 *       with long-term values from the {@link LongTermValueEstimator} and the stage policy from
 *       the user's lifecycle state ({@link LifecycleClassifier}) and churn risk.
 * </ul>
 *
 * <p>Retraining ({@link #retrain}) is a deployment's daily job: build the snapshot from the store,
 * train the model, read the events added since the last retrain (the store's {@code events}
 * query) into the observable session history and activity log, estimate long-term values and
 * classify users as of the retrain instant. Candidate generation goes through one
 * {@link CandidateSource}, built in {@link #candidateSource}: the single place to put the serving
 * pipeline instead. Not thread-safe.
 */
public final class EnginePolicy implements Policy {
  private static final long DAY_MS = 86_400_000L;

  private final String name;
  private final String algorithm;
  private final Map<String, String> params;
  private final long seed;
  private final RetentionAwareReranker reranker;
  private final LongTermValueEstimator estimator;
  private final LifecycleConfig lifecycle;

  private final SessionHistory history = new SessionHistory();
  private final ActivityLog.Builder activity = ActivityLog.builder();
  private Instant pulledUpTo = Instant.EPOCH;

  private InteractionSnapshot snapshot;
  private CandidateSource source;
  private ItemFilter filter;
  private ItemSignals signals;
  private Map<String, UserState> states = Map.of();
  private int[] items = new int[0];
  private float[] scores = new float[0];

  /**
   * @param algorithm registry name, or null for popularity only
   * @param reranker null for a policy without retention re-ranking
   */
  public EnginePolicy(String name, String algorithm, Map<String, String> params, long seed,
      RetentionAwareReranker reranker, LongTermValueEstimator estimator,
      LifecycleConfig lifecycle) {
    this.name = name;
    this.algorithm = algorithm;
    this.params = Map.copyOf(params);
    this.seed = seed;
    this.reranker = reranker;
    this.estimator = estimator;
    this.lifecycle = lifecycle;
    if (algorithm != null) {
      Algorithms.trainer(algorithm, params, seed); // fail fast on a bad name or parameter
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void retrain(EventStore store, Instant asOf) {
    snapshot = store.snapshot();
    Model model = null;
    if (algorithm != null && snapshot.size() > 0) {
      model = Algorithms.trainer(algorithm, params, seed).train(snapshot);
    }
    float[] popularity = new float[snapshot.itemCount()];
    for (int i = 0; i < popularity.length; i++) {
      float w = 0;
      for (int p = snapshot.itemStart(i); p < snapshot.itemEnd(i); p++) {
        w += Math.max(0, snapshot.weightAtColumn(p));
      }
      // Stable tie-break toward lower indices is TopK's; scale keeps counts exact in float.
      popularity[i] = w;
    }
    source = candidateSource(model, popularity);
    filter = new ItemFilter(snapshot.itemCount());
    if (reranker != null) {
      pull(store, asOf);
      learn(asOf);
    }
  }

  /** The candidate generation of this policy: swap this for the serving pipeline's recall. */
  private CandidateSource candidateSource(Model model, float[] popularity) {
    return new ModelCandidateSource(model, popularity);
  }

  private void pull(EventStore store, Instant asOf) {
    if (!asOf.isAfter(pulledUpTo)) {
      return;
    }
    try (Stream<Event> events = store.events(pulledUpTo, asOf)) {
      events.forEach(e -> {
        history.add(e);
        if (!"impression".equals(e.type())) {
          activity.event(e);
        }
      });
    }
    pulledUpTo = asOf;
  }

  private void learn(Instant asOf) {
    int n = snapshot.itemCount();
    int[] category = new int[n];
    for (int i = 0; i < n; i++) {
      int[] c = snapshot.itemCategoryIndices(i);
      category[i] = c.length == 0 ? -1 : c[c.length - 1];
    }
    LongTermValues values = estimator.estimate(history, asOf, h -> {
      int i = snapshot.itemIndex(history.itemId(h));
      return i < 0 ? -1 : category[i];
    }, snapshot.categoryNames().size());
    double[] value = new double[n];
    double[] gateway = new double[n];
    for (int i = 0; i < n; i++) {
      value[i] = values.item(snapshot.itemId(i), category[i]) - values.global();
      gateway[i] = values.gateway(snapshot.itemId(i), category[i]) - values.global();
    }
    signals = new ItemSignals(category, value, gateway, values.scale(),
        ItemSignals.categoryMeans(category, value, snapshot.categoryNames().size()));
    ActivityLog log = activity.build();
    LifecycleClassifier.Result r = LifecycleClassifier.classify(log, lifecycle, asOf,
        ZoneOffset.UTC, ReturnScores.NONE);
    Map<String, UserState> m = new HashMap<>(log.users() * 2);
    for (int u = 0; u < log.users(); u++) {
      if (r.state()[u] != null) {
        m.put(log.userId(u), r.state()[u]);
      }
    }
    states = m;
  }

  @Override
  public Slate recommend(VisitRequest r) {
    if (snapshot == null) {
      throw new IllegalStateException("recommend before the first retrain; call retrain(store, asOf)");
    }
    int user = snapshot.userIndex(r.userId());
    filter.clear();
    for (int i = 0; i < snapshot.itemCount(); i++) {
      if (snapshot.itemHidden(i)) {
        filter.exclude(i);
      }
    }
    if (user >= 0) {
      for (int p = snapshot.userStart(user); p < snapshot.userEnd(user); p++) {
        filter.exclude(snapshot.itemAt(p));
      }
    }
    for (String id : r.shownInSession()) {
      int i = snapshot.itemIndex(id);
      if (i >= 0) {
        filter.exclude(i);
      }
    }
    int want = reranker == null ? r.size() : Math.max(r.size(), reranker.config().candidates());
    if (items.length < want) {
      items = new int[want];
      scores = new float[want];
    }
    int found = source.candidates(user, filter, want, items, scores);
    if (reranker == null) {
      List<String> out = new ArrayList<>(Math.min(found, r.size()));
      for (int k = 0; k < Math.min(found, r.size()); k++) {
        out.add(snapshot.itemId(items[k]));
      }
      return new Slate(out, "none");
    }
    if (found == 0) {
      return new Slate(List.of(), "none");
    }
    StagePolicy stage = StagePolicy.of(states.get(r.userId()));
    BitSet consumed = new BitSet();
    if (user >= 0) {
      for (int p = snapshot.userStart(user); p < snapshot.userEnd(user); p++) {
        int c = signals.category()[snapshot.itemAt(p)];
        if (c >= 0) {
          consumed.set(c);
        }
      }
    }
    SplittableRandom rng = new SplittableRandom(
        seed * 0x9E3779B97F4A7C15L + r.userId().hashCode() * 1_000_003L + r.time().toEpochMilli());
    RetentionAwareReranker.Result res = reranker.rerank(items, scores, found, r.size(), signals,
        new RetentionAwareReranker.Request(stage, churnRisk(r), consumed, rng));
    List<String> out = new ArrayList<>(res.items().length);
    for (int i : res.items()) {
      out.add(snapshot.itemId(i));
    }
    return new Slate(out, stage.label());
  }

  /**
   * A simple observable churn risk: how long the user has been away relative to their own
   * rhythm, {@code 1 - exp(-gap / (2 * meanGap))} (mean gap 3 days when unknown). The churn
   * module's return models can replace it.
   */
  private double churnRisk(VisitRequest r) {
    long last = history.lastSessionStart(r.userId());
    if (last == Long.MIN_VALUE) {
      return Double.NaN;
    }
    double gap = (r.time().toEpochMilli() - last) / (double) DAY_MS;
    double mean = history.meanGapDays(r.userId());
    if (Double.isNaN(mean) || mean <= 0) {
      mean = 3;
    }
    return 1 - Math.exp(-gap / (2 * mean));
  }
}
