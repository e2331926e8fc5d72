package dev.longview.sim;

import dev.longview.core.Event;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.lab.sim.SimConfig;
import dev.longview.lab.sim.World;
import dev.longview.pipeline.ModelSet;
import dev.longview.pipeline.Pipeline;
import dev.longview.pipeline.PipelineConfig;
import dev.longview.pipeline.PipelinePolicy;
import dev.longview.pipeline.RecommendRequest;
import dev.longview.pipeline.Recommendation;
import dev.longview.pipeline.RetentionSignals;
import dev.longview.pipeline.RetentionStage;
import dev.longview.retention.RerankConfig;
import dev.longview.retention.policy.Policy;
import dev.longview.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lab-side diagnostics of the retention stage (issue 6): runs {@code longview} on one seed and,
 * on probe days, compares what the engine learnt with the world's hidden truth. This class reads
 * hidden state ({@link World#itemTruth()}); the engine never does (it only sees the store). What
 * it prints per probe day:
 *
 * <ul>
 *   <li>Spearman correlation of the items' long-term values with their click-bait and quality,
 *       and the mean value of click-bait items (c >= 0.7) and quality items (c <= 0.3);
 *   <li>for the users active in the last 7 days: overlap@10 of the longview slate with the myopic
 *       slate from the same trained models; mean click-bait of both top-10s; the share of
 *       click-bait-free items (c < 0.5) in the re-rank pool (the myopic ranking's top
 *       {@code candidates});
 *   <li>the size of the value term {@code lambda x clip(value / unit)} next to the relevance
 *       range (1 after the re-ranker's normalisation).
 * </ul>
 * Also times the daily retrain (snapshot and training) against the day's serving.
 *
 * <p>Usage: {@code LabDiagnostics USERS DAYS TAU SEED [PROBE_DAY...]}; the lab's settings
 * ({@link RetentionStage#labDefaults()}), or with {@code -Dlabdiag.settings=before} the settings
 * before issue 6's fix ({@link RerankConfig#defaults()}: pool 50, value weight x1); values from
 * {@link RetentionStage#labEstimator()}, or with {@code -Dlabdiag.fixed=true} from the fixed
 * pseudo-count estimator ({@code LongTermValueEstimator.Config.defaults()}). Slates are
 * compared as the lab asks for them (the first 10 of a 120-item feed request).
 */
public final class LabDiagnostics {
  private LabDiagnostics() {}

  public static void main(String[] args) throws Exception {
    int users = Integer.parseInt(args[0]);
    int days = Integer.parseInt(args[1]);
    double tau = Double.parseDouble(args[2]);
    long seed = Long.parseLong(args[3]);
    Set<Integer> probes = new HashSet<>();
    for (int a = 4; a < args.length; a++) {
      probes.add(Integer.parseInt(args[a]));
    }
    SimConfig config = SimConfig.defaults().withUsers(users).withDays(days).withSensitivity(tau);
    boolean before = "before".equals(System.getProperty("labdiag.settings"));
    run(config, seed, probes, before ? RerankConfig.defaults() : RetentionStage.labDefaults());
  }

  /** Runs longview on {@code seed}, printing diagnostics on the probe days. */
  public static void run(SimConfig config, long seed, Set<Integer> probes, RerankConfig rerank)
      throws Exception {
    Path dir = Files.createTempDirectory("longview-labdiag-");
    // -Dlabdiag.keep=FILE: the run's SQLite store at FILE (kept, for an offline evaluation of its
    // logs: RetentionRealLogsBench -Dlongview.bench.store=FILE)
    String keep = System.getProperty("labdiag.keep");
    Path db = keep != null ? Path.of(keep) : dir.resolve("lab.db");
    World world = new World(config, seed);
    World.ItemTruth truth = world.itemTruth();
    Map<String, Integer> truthIndex = new HashMap<>();
    for (int i = 0; i < truth.itemIds().size(); i++) {
      truthIndex.put(truth.itemIds().get(i), i);
    }
    var estimator = dev.longview.retention.LongTermValueEstimator.Config.defaults()
        .withEmpiricalBayes(!Boolean.getBoolean("labdiag.fixed"))
        .withSurrogate(!Boolean.getBoolean("labdiag.fixed"));
    boolean lab = rerank.categorySlate() != null;
    double recallWeight = lab ? RetentionStage.LAB_VALUE_RECALL_WEIGHT : 0;
    int recallSize = lab ? RetentionStage.LAB_VALUE_RECALL_SIZE : 0;
    var value = recallWeight > 0 ? dev.longview.pipeline.ValueRecallSettings.of(recallWeight,
        recallSize) : dev.longview.pipeline.ValueRecallSettings.NONE;
    PipelinePolicy policy = PipelinePolicy.longview(seed, rerank, estimator, value,
        LabPolicies.REAL_TIME);
    Pipeline myopic = Pipeline.standard(PipelineConfig.defaults().withChain(PipelinePolicy.CHAIN)
        .withRetention(false).withRerank(rerank));
    Pipeline full = Pipeline.standard(PipelineConfig.defaults().withChain(PipelinePolicy.CHAIN)
        .withRetention(true).withRerank(rerank).withValueRecall(value));
    long snapNs = 0;
    long trainNs = 0;
    long serveNs = 0;
    // -Dlabdiag.world=myopic: the world is served by myopic (the probes still compare both)
    Policy world0 = "myopic".equals(System.getProperty("labdiag.world"))
        ? PipelinePolicy.myopic(seed, LabPolicies.REAL_TIME) : policy;
    try (EventStore store = EventStore.open(db.toString())) {
      store.upsertItems(world.items());
      List<Event> buffer = new ArrayList<>();
      for (int d = 0; d < config.days(); d++) {
        Instant dayStart = config.start().plusSeconds(86_400L * d);
        long t0 = System.nanoTime();
        store.snapshot();
        long t1 = System.nanoTime();
        policy.retrain(store, dayStart);
        if (world0 != policy) {
          world0.retrain(store, dayStart);
        }
        long t2 = System.nanoTime();
        snapNs += t1 - t0;
        trainNs += (t2 - t1) - (t1 - t0);
        if (probes.contains(d)) {
          probe(d, policy.models(), myopic, full, rerank, truth, truthIndex, dayStart);
        }
        buffer.clear();
        long t3 = System.nanoTime();
        world.simulateDay(r -> {
          Policy.Slate s = world0.recommend(new Policy.VisitRequest(r.userId(), r.time(),
              r.sessionId(), r.shownInSession(), r.size()));
          return s.items();
        }, e -> {
          if (!"impression".equals(e.type())) {
            buffer.add(e);
          }
        });
        serveNs += System.nanoTime() - t3;
        if (!buffer.isEmpty()) {
          store.append(buffer);
        }
      }
    }
    System.out.printf(Locale.ROOT, "time: snapshot %.1f s, training (without snapshot) %.1f s,"
        + " serving+simulation %.1f s%n", snapNs / 1e9, trainNs / 1e9, serveNs / 1e9);
    var m = RunMetrics.of(world.outcomes(), Map.of());
    System.out.printf(Locale.ROOT, "run: d30 %.3f, clickbait %.3f, satisfaction %.3f, engagement %.0f%n",
        m.get("d30Retention"), m.get("clickbait"), m.get("satisfaction"), m.get("engagement"));
  }

  private static void probe(int day, ModelSet models, Pipeline myopic, Pipeline full,
      RerankConfig rerank, World.ItemTruth truth, Map<String, Integer> truthIndex, Instant now) {
    InteractionSnapshot s = models.snapshot();
    RetentionSignals sig = models.retention();
    int n = s.itemCount();
    double[] value = sig.items().value();
    double[] cb = new double[n];
    double[] q = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      int t = truthIndex.get(s.itemId(i));
      cb[i] = truth.clickbait()[t];
      q[i] = truth.quality()[t];
      v[i] = value[i];
    }
    double vBait = 0;
    int nBait = 0;
    double vKale = 0;
    int nKale = 0;
    for (int i = 0; i < n; i++) {
      if (cb[i] >= 0.7) {
        vBait += v[i];
        nBait++;
      } else if (cb[i] <= 0.3) {
        vKale += v[i];
        nKale++;
      }
    }
    System.out.printf(Locale.ROOT, "day %d: %d labelled sessions; spearman(value, clickbait) %.3f,"
        + " spearman(value, quality) %.3f; mean value clickbait items %.4f (%d), quality items"
        + " %.4f (%d); value sd %.4f, unit %.3f%n", day, sig.sessions(), spearman(v, cb),
        spearman(v, q), vBait / Math.max(1, nBait), nBait, vKale / Math.max(1, nKale), nKale,
        sd(v), rerank.valueUnit());
    // Topic level: the mean learnt value of each topic's items against the topic's mean click-bait.
    int topics = 0;
    for (int t : truth.topic()) {
      topics = Math.max(topics, t + 1);
    }
    double[] topicValue = new double[topics];
    double[] topicCb = new double[topics];
    int[] topicN = new int[topics];
    for (int i = 0; i < n; i++) {
      int t = truth.topic()[truthIndex.get(s.itemId(i))];
      topicValue[t] += v[i];
      topicCb[t] += cb[i];
      topicN[t]++;
    }
    for (int t = 0; t < topics; t++) {
      topicValue[t] /= Math.max(1, topicN[t]);
      topicCb[t] /= Math.max(1, topicN[t]);
    }
    System.out.printf(Locale.ROOT, "day %d: topic level: spearman(mean value, mean clickbait) %.3f"
        + " over %d topics; value spread across topics (sd) %.4f%n", day,
        spearman(topicValue, topicCb), topics, sd(topicValue));
    // The engine's category values (what a category plan admits by) against the topic's truth.
    StringBuilder cats = new StringBuilder();
    double[] catValue = new double[topics];
    for (int c = 0; c < s.categoryNames().size(); c++) {
      int t = Integer.parseInt(s.categoryNames().get(c).substring("topic-".length()));
      catValue[t] = sig.items().categoryValue(c);
    }
    for (int t = 0; t < topics; t++) {
      cats.append(String.format(Locale.ROOT, " %d:%.3f/%+.4f", t, topicCb[t], catValue[t]));
    }
    System.out.printf(Locale.ROOT, "day %d: category values (topic:clickbait/value)%s;"
        + " spearman(category value, clickbait) %.3f%n", day, cats, spearman(catValue, topicCb));
    System.out.printf(Locale.ROOT, "day %d: evidence: %s%n", day,
        RetentionSignals.evidence(s, now.getEpochSecond() - 1, RetentionStage.labEstimator()));
    long cutoff = now.getEpochSecond() - 7 * 86_400L;
    int probed = 0;
    double overlap = 0;
    double cbMyopic = 0;
    double cbFull = 0;
    double freeShare = 0;
    double valueTerm = 0;
    double rankingSize = 0;
    double rankingFree = 0;
    Map<String, Integer> stages = new HashMap<>();
    double[] pageCb = new double[20];
    int[] pageN = new int[20];
    for (int u = 0; u < s.userCount() && probed < 300; u++) {
      if (s.userEnd(u) == s.userStart(u) || s.epochSecondAt(s.userEnd(u) - 1) < cutoff) {
        continue;
      }
      String id = s.userId(u);
      // As the lab asks: one feed of 120 per visit; the ranking keeps 120 + 50, the pool is its
      // first min(candidates, 170) positions.
      Recommendation pool = myopic.recommend(models, req(id, Math.min(rerank.candidates(), 170),
          now), null);
      Recommendation my = top10(myopic.recommend(models, req(id, 120, now), null));
      Recommendation feed = full.recommend(models, req(id, 120, now), null);
      Recommendation lv = top10(feed);
      for (int pos = 0; pos < feed.items().size(); pos++) {
        pageCb[pos / 6] += truth.clickbait()[truthIndex.get(feed.items().get(pos).itemId())];
        pageN[pos / 6]++;
      }
      stages.merge(lv.stage(), 1, Integer::sum);
      Set<String> a = new HashSet<>();
      for (var it : my.items()) {
        a.add(it.itemId());
        cbMyopic += truth.clickbait()[truthIndex.get(it.itemId())] / my.items().size();
      }
      int common = 0;
      for (var it : lv.items()) {
        common += a.contains(it.itemId()) ? 1 : 0;
        cbFull += truth.clickbait()[truthIndex.get(it.itemId())] / lv.items().size();
      }
      overlap += common / (double) Math.max(1, lv.items().size());
      int free = 0;
      double lam = rerank.settings(dev.longview.retention.StagePolicy.valueOf(
          lv.stage().toUpperCase(Locale.ROOT))).valueWeight();
      double term = 0;
      for (var it : pool.items()) {
        free += truth.clickbait()[truthIndex.get(it.itemId())] < 0.5 ? 1 : 0;
        int i = s.itemIndex(it.itemId());
        term += Math.abs(lam * Math.max(-1, Math.min(1, value[i] / rerank.valueUnit())));
      }
      freeShare += free / (double) Math.max(1, pool.items().size());
      Recommendation all = myopic.recommend(models, req(id, 1000, now), null);
      int allFree = 0;
      for (var it : all.items()) {
        allFree += truth.clickbait()[truthIndex.get(it.itemId())] < 0.5 ? 1 : 0;
      }
      rankingSize += all.items().size();
      rankingFree += allFree;
      valueTerm += term / Math.max(1, pool.items().size());
      probed++;
    }
    System.out.printf(Locale.ROOT, "day %d: %d users; overlap@10 longview vs myopic %.3f; top-10"
        + " clickbait myopic %.3f, longview %.3f; click-bait-free (c < 0.5) share of the re-rank"
        + " pool %.3f (pool %d); mean |lambda x value term| %.3f (relevance range 1); stages %s%n",
        day, probed,
        overlap / probed, cbMyopic / probed, cbFull / probed, freeShare / probed,
        Math.min(rerank.candidates(), 170), valueTerm / probed, stages);
    StringBuilder pages = new StringBuilder();
    for (int page = 0; page < pageCb.length; page++) {
      pages.append(String.format(Locale.ROOT, " %.2f", pageCb[page] / Math.max(1, pageN[page])));
    }
    System.out.printf(Locale.ROOT, "day %d: longview feed, mean click-bait by page of 6:%s%n", day,
        pages);
    System.out.printf(Locale.ROOT, "day %d: whole ranking %.0f items on average, %.1f of them"
        + " click-bait-free%n", day, rankingSize / probed, rankingFree / probed);
  }

  private static Recommendation top10(Recommendation r) {
    return new Recommendation(r.items().subList(0, Math.min(10, r.items().size())), r.model(),
        r.fallback(), r.stage());
  }

  private static RecommendRequest req(String user, int n, Instant now) {
    return new RecommendRequest(user, n, 0, null, Set.of(), List.of(), null, null, now, false);
  }

  static double sd(double[] x) {
    double m = Arrays.stream(x).average().orElse(0);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / Math.max(1, x.length - 1));
  }

  /** Spearman rank correlation (average ranks for ties). */
  static double spearman(double[] x, double[] y) {
    return dev.longview.retention.ValueEvidence.pearson(ranks(x), ranks(y));
  }

  private static double[] ranks(double[] x) {
    Integer[] o = new Integer[x.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    Arrays.sort(o, (a, b) -> Double.compare(x[a], x[b]));
    double[] r = new double[x.length];
    for (int i = 0; i < o.length; ) {
      int j = i;
      while (j + 1 < o.length && x[o[j + 1]] == x[o[i]]) {
        j++;
      }
      for (int k = i; k <= j; k++) {
        r[o[k]] = (i + j) / 2.0;
      }
      i = j + 1;
    }
    return r;
  }
}
