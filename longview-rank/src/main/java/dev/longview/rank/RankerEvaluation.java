package dev.longview.rank;

import dev.longview.algorithms.Algorithms;
import dev.longview.algorithms.FactorVectors;
import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.eval.Evaluator;
import dev.longview.eval.Report;
import dev.longview.eval.Split;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The offline measure of issue 7's ranker target: NDCG@10 of recall + ranker against the best
 * single recall model, on one {@link Split}, every number from the same run.
 *
 * <p>Procedure. (1) Each recall model is trained on {@code split.train()}; alone, it is evaluated
 * by the shared {@link Evaluator} with full ranking on test (the usual protocol number). (2) The
 * candidates of a user are the union of every source's top {@code perSource} items not in the
 * user's training items (and not in the validation items when testing). (3) Training groups: for
 * every user with validation items, the validation items found among the candidates are
 * positives and {@code negatives} other candidates are sampled as negatives ({@link
 * TrainingGroups#heldOut}); the ranker never sees a test item. The validation part is the split's
 * own held-out 10% (for P1 it is drawn like the test part, so the ranker learns on the
 * distribution it is tested on), and the same recall models serve both phases, as a deployed
 * pipeline would. (4) On test, the candidates are ordered by the fixed blend (the pipeline's
 * default: each source's min-max normalised score, equal weights, summed) and by the ranker; both
 * are evaluated by the same {@link Evaluator} (non-candidates are never recommended). The request
 * time of a user is one second after their last training interaction, the session items their
 * {@code sessionItems} latest training items; no device, no query.
 */
public final class RankerEvaluation {
  private RankerEvaluation() {}

  /**
   * @param sources recall model names from the registry (tuned defaults)
   * @param perSource items each source contributes
   * @param negatives sampled negatives per training group
   * @param sessionItems latest training items used as the request's session
   * @param ranker LambdaMART settings (its seed also seeds the recall models and the sampling)
   * @param evalThreads evaluator threads
   */
  public record Config(List<String> sources, int perSource, int negatives, int sessionItems,
      RankerConfig ranker, int evalThreads) {
    public Config {
      if (sources == null || sources.isEmpty()) {
        throw new IllegalArgumentException("give at least one recall source, e.g. ials,itemknn,pop");
      }
      sources = List.copyOf(sources);
      if (perSource < 1 || negatives < 1 || sessionItems < 0 || evalThreads < 1) {
        throw new IllegalArgumentException("perSource " + perSource + ", negatives " + negatives
            + ", sessionItems " + sessionItems + ", evalThreads " + evalThreads
            + ": use perSource >= 1, negatives >= 1, sessionItems >= 0, evalThreads >= 1");
      }
    }
  }

  /** One evaluated line: Recall@10, NDCG@10, Hit@10 on test and the seconds its training took. */
  public record Line(String name, double recall, double ndcg, double hit, double trainSeconds) {}

  /**
   * Everything measured in one run.
   *
   * @param singles each recall model alone (full ranking)
   * @param blend the candidates ordered by the fixed blend
   * @param ranker the candidates ordered by the ranker
   * @param candidateRecall mean share of a user's test items among their candidates (the ceiling
   *     of any re-ranking)
   * @param meanCandidates mean candidates per test user
   * @param ndcgGainOverBest ranker NDCG@10 minus the best single model's, per user, mean
   * @param ndcgGainCi95 half-width of the 95% interval of that paired difference
   * @param groups training groups, @param rows training rows
   * @param importance the ranker's total gain per feature, largest first
   * @param example the explanation of one test user's top item
   */
  public record Result(List<Line> singles, Line blend, Line ranker, double candidateRecall,
      double meanCandidates, String bestSingle, double ndcgGainOverBest, double ndcgGainCi95,
      int groups, int rows, double candidateSeconds, Map<String, Double> importance,
      String example) {}

  public static Result run(Split split, Config config, PrintStream log) {
    InteractionSnapshot train = split.train();
    long seed = config.ranker().seed();
    Evaluator evaluator = new Evaluator(List.of(10), config.evalThreads());
    List<Model> models = new ArrayList<>();
    List<Line> singles = new ArrayList<>();
    Map<String, Report> singleReports = new LinkedHashMap<>();
    Embeddings factors = null;
    for (String name : config.sources()) {
      long t0 = System.nanoTime();
      Model m = Algorithms.trainer(name, Map.of(), seed).train(train);
      double fit = (System.nanoTime() - t0) / 1e9;
      models.add(m);
      Report r = evaluator.evaluate(m, split, Evaluator.Target.TEST);
      singleReports.put(name, r);
      singles.add(line(name, r, fit));
      log.printf(Locale.ROOT, "recall %-10s fit %6.1f s  Recall@10 %.4f  NDCG@10 %.4f%n", name, fit,
          r.mean("recall@10"), r.mean("ndcg@10"));
      Optional<FactorVectors> fv = FactorVectors.of(m);
      if (factors == null && fv.isPresent()) {
        factors = new Embeddings(fv.get().factors(), fv.get().userMatrix(), fv.get().itemMatrix());
      }
    }
    RecallSet recall = new RecallSet(config.sources(), models, config.perSource());
    RankerFeatures features = RankerFeatures.of(train, factors, null, ZoneId.of("UTC"), 7);

    long c0 = System.nanoTime();
    int users = train.userCount();
    LabeledGroup[] groupOf = new LabeledGroup[users];
    IntStream.range(0, users).parallel().forEach(u -> {
      int[] valid = split.valid().items(u);
      if (valid.length == 0) {
        return;
      }
      RankRequest req = recall.request(u, filterOf(train, u, null), contextOf(train, u, config));
      groupOf[u] = TrainingGroups.heldOut(req, valid, config.negatives(), seed);
    });
    List<LabeledGroup> groups = new ArrayList<>();
    for (LabeledGroup g : groupOf) {
      if (g != null) {
        groups.add(g);
      }
    }
    RankRequest[] testReq = new RankRequest[users];
    double[] candRecall = new double[users];
    IntStream.range(0, users).parallel().forEach(u -> {
      int[] test = split.test().items(u);
      if (test.length == 0) {
        return;
      }
      RankRequest req = recall.request(u, filterOf(train, u, split.valid().items(u)),
          contextOf(train, u, config));
      testReq[u] = req;
      java.util.Set<Integer> c = new java.util.HashSet<>();
      for (int i : req.items()) {
        c.add(i);
      }
      int hit = 0;
      for (int i : test) {
        if (c.contains(i)) {
          hit++;
        }
      }
      candRecall[u] = (double) hit / test.length;
    });
    double candSeconds = (System.nanoTime() - c0) / 1e9;
    log.printf(Locale.ROOT, "candidates: %d training groups, test requests built in %.1f s%n",
        groups.size(), candSeconds);

    long t0 = System.nanoTime();
    Ranker ranker = new RankerTrainer(config.ranker()).train(features, config.sources(), groups);
    double rankerFit = (System.nanoTime() - t0) / 1e9;
    log.printf(Locale.ROOT, "ranker: %d groups, %d rows, %d features, trained in %.1f s%n",
        ranker.trainGroups(), ranker.trainRows(), ranker.featureNames().size(), rankerFit);
    try {
      CandidateScores blend = new CandidateScores(users, train.itemCount());
      CandidateScores ranked = new CandidateScores(users, train.itemCount());
      double candSum = 0;
      int testUsers = 0;
      double recallSum = 0;
      List<RankRequest> batch = new ArrayList<>();
      for (int u = 0; u < users; u++) {
        RankRequest r = testReq[u];
        if (r == null) {
          continue;
        }
        testUsers++;
        candSum += r.size();
        recallSum += candRecall[u];
        blend.set(u, r.items(), blendScores(r));
        batch.add(r);
        if (batch.size() == 256 || u == users - 1) {
          fill(ranked, ranker, batch);
        }
      }
      fill(ranked, ranker, batch);
      Report blendReport = evaluator.evaluate(blend, split, Evaluator.Target.TEST);
      Report rankReport = evaluator.evaluate(ranked, split, Evaluator.Target.TEST);
      String best = null;
      for (Line l : singles) {
        if (best == null || l.ndcg() > singleReports.get(best).mean("ndcg@10")) {
          best = l.name();
        }
      }
      double[] a = rankReport.perUser("ndcg@10");
      double[] b = singleReports.get(best).perUser("ndcg@10");
      double[] diff = new double[a.length];
      for (int k = 0; k < a.length; k++) {
        diff[k] = a[k] - b[k];
      }
      double[] stats = meanAndCi(diff);
      String example = "";
      for (int u = 0; u < users && example.isEmpty(); u++) {
        if (testReq[u] != null) {
          RankedCandidate top = ranker.rank(testReq[u], 5).get(0);
          example = "user " + train.userId(u) + ", top item " + train.itemId(top.item())
              + " (score " + String.format(Locale.ROOT, "%.3f", top.score()) + "): "
              + describe(top.contributions());
        }
      }
      return new Result(singles, line("blend", blendReport, 0), line("ranker", rankReport,
          rankerFit), recallSum / testUsers, candSum / testUsers, best, stats[0], stats[1],
          ranker.trainGroups(), ranker.trainRows(), candSeconds, ranker.importance(), example);
    } finally {
      ranker.close();
    }
  }

  /** "label = value (+0.123)" for each contribution, joined. */
  public static String describe(List<Contribution> contributions) {
    List<String> parts = new ArrayList<>();
    for (Contribution c : contributions) {
      parts.add(String.format(Locale.ROOT, "%s = %.3g (%+.3f)", c.label(), c.value(),
          c.contribution()));
    }
    return String.join("; ", parts);
  }

  private static void fill(CandidateScores out, Ranker ranker, List<RankRequest> batch) {
    if (batch.isEmpty()) {
      return;
    }
    double[] s = ranker.score(batch);
    int o = 0;
    for (RankRequest r : batch) {
      float[] f = new float[r.size()];
      for (int k = 0; k < f.length; k++) {
        f[k] = (float) s[o + k];
      }
      o += f.length;
      out.set(r.user(), r.items(), f);
    }
    batch.clear();
  }

  /** The pipeline's default blend: per source min-max over the request, equal weights, summed. */
  static float[] blendScores(RankRequest r) {
    int n = r.size();
    float[] out = new float[n];
    for (int s = 0; s < r.sourceCount(); s++) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        float v = r.score(s, k);
        if (v == v) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      for (int k = 0; k < n; k++) {
        float v = r.score(s, k);
        if (v == v) {
          out[k] += max > min ? (v - min) / (max - min) : 1f;
        }
      }
    }
    return out;
  }

  private static ItemFilter filterOf(InteractionSnapshot train, int u, int[] alsoExcluded) {
    ItemFilter f = new ItemFilter(train.itemCount());
    for (int p = train.userStart(u); p < train.userEnd(u); p++) {
      f.exclude(train.itemAt(p));
    }
    if (alsoExcluded != null) {
      for (int i : alsoExcluded) {
        f.exclude(i);
      }
    }
    return f;
  }

  private static RankContext contextOf(InteractionSnapshot train, int u, Config config) {
    int start = train.userStart(u);
    int end = train.userEnd(u);
    if (end == start) {
      return RankContext.at(train.baseTime().getEpochSecond());
    }
    int n = Math.min(config.sessionItems(), end - start);
    int[] session = new int[n];
    for (int k = 0; k < n; k++) {
      session[k] = train.itemAt(end - n + k);
    }
    return new RankContext(train.epochSecondAt(end - 1) + 1, null, session, null);
  }

  private static Line line(String name, Report r, double fit) {
    return new Line(name, r.mean("recall@10"), r.mean("ndcg@10"), r.mean("hit@10"), fit);
  }

  private static double[] meanAndCi(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    double mean = sum / v.length;
    double sq = 0;
    for (double x : v) {
      sq += (x - mean) * (x - mean);
    }
    double sd = v.length > 1 ? Math.sqrt(sq / (v.length - 1)) : 0;
    return new double[] {mean, 1.96 * sd / Math.sqrt(v.length)};
  }
}
