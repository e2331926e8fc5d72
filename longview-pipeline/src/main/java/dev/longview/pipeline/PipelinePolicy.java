package dev.longview.pipeline;

import dev.longview.core.Event;
import dev.longview.retention.RerankConfig;
import dev.longview.retention.policy.Policy;
import dev.longview.store.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Longview's serving pipeline as a lab {@link Policy}: the same code path as the server's
 * {@code /recommendations}, driven the way a deployment drives it.
 *
 * <ul>
 *   <li><b>Daily training</b> ({@link #retrain}): {@code store.snapshot()} then
 *       {@link ModelSet#train} (the chain's models, trending, new items, the text index and, with
 *       the retention stage on, the {@link RetentionSignals}: long-term values from the
 *       {@code LongTermValueEstimator}, lifecycle states and churn risk), swapped in as a whole.
 *   <li><b>Real time</b> (optional, {@link #observe}): with {@code realTime} on, clicks and
 *       purchases since the last training are the request's {@code recent} items (what the
 *       server's real-time ingestion keeps), so a click moves the next page's anchors, exclusions
 *       and stage (a returning at-risk user becomes {@code activating}). Off, the engine learns
 *       only at the daily retrain, as a batch deployment does; the lab runs it off (with it on and
 *       4-page requests, a 600-user, 30-day run took about 1.7 times the CPU time).
 *   <li><b>Pages</b>: a session's first page asks the pipeline for {@link #CHUNK_PAGES} pages at
 *       once (the lab's longest session) with the session's shown items excluded; the next pages
 *       are the following positions of that one ranking (the pipeline's pagination: page
 *       {@code offset} is exactly a slice of one ranking), and a new ranking is asked for when a
 *       click or purchase changes the user's recent items (real time on). An infinite feed that
 *       loads its items once per visit does exactly this.
 * </ul>
 *
 * <p>Two configurations, one pipeline ({@link Pipeline#standard}): {@link #myopic} (retention
 * stage off, so the pipeline's plain default re-rank, MMR with lambda 0.85) and {@link #longview}
 * (the full engine: the retention stage with its stage policies replaces MMR). Both use the chain
 * {@link #CHAIN} and the same recall sources and blend, so the retention stage is the only
 * difference. Everything the policy learns comes from the store's normal read path and the
 * observable request and events. Not thread-safe: one instance per run.
 */
public final class PipelinePolicy implements Policy {
  /**
   * The lab's model chain: item-kNN (the pipeline's item-to-item model) then popularity. The
   * default serving chain heads with iALS (128 factors, 15 iterations), too slow to retrain every
   * simulated day for 1,200 daily trainings of a sweep on this machine; item-kNN with its tuned
   * defaults is what the lab's engine policies used before.
   */
  public static final List<String> CHAIN = List.of("itemknn", "pop");
  /** Pages the pipeline ranks per request; later pages of a session are served from it. */
  static final int CHUNK_PAGES = 20;

  private final String name;
  private final PipelineConfig config;
  private final Pipeline pipeline;
  private final long seed;
  private final boolean realTime;
  private ModelSet models;
  private final Map<String, List<RecommendRequest.RecentItem>> recent = new HashMap<>();

  private String cachedSession;
  private int cachedRecent = -1;
  private Set<String> cachedExclude = Set.of();
  private int cachedOffset;
  private List<String> cachedItems = List.of();
  private String cachedStage = "none";
  private boolean cachedComplete;

  private PipelinePolicy(String name, PipelineConfig config, long seed, boolean realTime) {
    this.name = name;
    this.realTime = realTime;
    this.config = config;
    this.pipeline = Pipeline.standard(config);
    this.seed = seed;
  }

  /**
   * The myopic pipeline: every recall source and the blend, MMR diversity, no retention stage.
   *
   * @param realTime whether clicks and purchases since the last training are the requests'
   *     recent items (see the class comment)
   */
  public static PipelinePolicy myopic(long seed, boolean realTime) {
    return new PipelinePolicy("myopic", PipelineConfig.defaults().withChain(CHAIN)
        .withRetention(false), seed, realTime);
  }

  /**
   * The full engine: the myopic pipeline with the retention stage ({@code retention} settings,
   * e.g. {@link RetentionStage#labDefaults()}) in place of MMR, long-term values estimated by
   * {@code estimator}, and the value-aware recall source as {@code value} says.
   */
  public static PipelinePolicy longview(long seed, RerankConfig retention,
      dev.longview.retention.LongTermValueEstimator.Config estimator, ValueRecallSettings value,
      boolean realTime) {
    return new PipelinePolicy("longview", PipelineConfig.defaults().withChain(CHAIN)
        .withRetention(true).withValueEstimator(estimator).withRerank(retention)
        .withValueRecall(value), seed, realTime);
  }

  @Override
  public String name() {
    return name;
  }

  /** The current model set (null before the first retrain). */
  public ModelSet models() {
    return models;
  }

  @Override
  public void retrain(EventStore store, Instant asOf) {
    models = ModelSet.train(store.snapshot(), config, Map.of(), seed, TextEncoderFactory.tfidf());
    recent.clear(); // the new snapshot holds them
    cachedSession = null;
  }

  @Override
  public void observe(Event e) {
    if (realTime && e.itemId() != null && ("click".equals(e.type()) || "purchase".equals(e.type()))) {
      recent.computeIfAbsent(e.userId(), k -> new ArrayList<>())
          .add(new RecommendRequest.RecentItem(e.itemId(), e.type()));
    }
  }

  @Override
  public Slate recommend(VisitRequest r) {
    if (models == null) {
      throw new IllegalStateException("recommend before the first retrain; call retrain(store, asOf)");
    }
    List<RecommendRequest.RecentItem> mine = recent.getOrDefault(r.userId(), List.of());
    Set<String> shown = new HashSet<>(r.shownInSession());
    if (!r.sessionId().equals(cachedSession) || mine.size() != cachedRecent) {
      cachedSession = r.sessionId();
      cachedRecent = mine.size();
      cachedExclude = Set.copyOf(r.shownInSession());
      cachedOffset = 0;
      cachedItems = List.of();
      cachedComplete = false;
      fetch(r, mine);
    }
    List<String> out = new ArrayList<>(r.size());
    while (out.size() < r.size()) {
      for (String id : cachedItems) {
        if (out.size() < r.size() && !shown.contains(id)) {
          shown.add(id);
          out.add(id);
        }
      }
      if (out.size() >= r.size() || cachedComplete) {
        break;
      }
      cachedOffset += cachedItems.size();
      fetch(r, mine);
    }
    return new Slate(out, cachedStage);
  }

  private void fetch(VisitRequest r, List<RecommendRequest.RecentItem> mine) {
    int n = r.size() * CHUNK_PAGES;
    RecommendRequest req = new RecommendRequest(r.userId(), n, cachedOffset, null, cachedExclude,
        mine, null, null, r.time(), false);
    Recommendation rec = pipeline.recommend(models, req, null);
    List<String> ids = new ArrayList<>(rec.items().size());
    for (Recommendation.Item it : rec.items()) {
      ids.add(it.itemId());
    }
    cachedItems = ids;
    cachedComplete = ids.size() < n;
    cachedStage = rec.stage();
  }
}
