package dev.longview.pipeline;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import dev.longview.rank.LabeledGroup;
import dev.longview.rank.RankRequest;
import dev.longview.rank.RankerConfig;
import dev.longview.rank.RankerFeatures;
import dev.longview.rank.RankerModel;
import dev.longview.rank.RankerTrainer;
import dev.longview.rank.TrainingGroups;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Trains the pipeline's learned ranking stage on the pipeline's own candidates, from a snapshot
 * alone (no logged impressions): held-out positives with sampled negatives.
 *
 * <p>Procedure. (1) From each user with at least {@link Config#minHistory} positive interactions,
 * hold out {@link Config#holdout} of them (at least one): the latest by time, or a seeded random
 * draw per user. (2) Train the pipeline's model set ({@link ModelSet#train}: the chain's recall
 * models, trending, text index) on the rest. (3) For every user with held-out items, run the
 * pipeline's recall, merge and filter stages exactly as serving does ({@link
 * Pipeline#rankRequest}); the held-out items among the candidates are positives, and
 * {@link Config#negatives} other candidates are drawn as negatives ({@link
 * TrainingGroups#heldOut}). (4) Train LambdaMART ({@link RankerTrainer}) on those groups with the
 * features ({@link RankerFeatures}) of the reduced snapshot and its factor model. The returned
 * {@link RankerModel} is then bound to a model set trained on the whole snapshot (serving
 * retrains its recall models on everything and keeps the ranker). Deterministic for a seed.
 */
public final class PipelineRanker {
  private PipelineRanker() {}

  /**
   * @param holdout share of each user's positive interactions held out as positives, (0, 0.5]
   * @param latest true: hold out the latest interactions (predict the future, as serving does);
   *     false: a seeded random draw per user (matches a random split such as P1)
   * @param minHistory users with fewer positive interactions hold out nothing (>= 2)
   * @param negatives sampled negatives per training group (>= 1)
   * @param ranker LambdaMART settings; its seed seeds the hold-out draw, the recall models and
   *     the negative sampling
   */
  public record Config(double holdout, boolean latest, int minHistory, int negatives,
      RankerConfig ranker) {
    public Config {
      if (!(holdout > 0 && holdout <= 0.5)) {
        throw new IllegalArgumentException("holdout was " + holdout + "; use (0, 0.5], e.g. 0.1");
      }
      if (minHistory < 2) {
        throw new IllegalArgumentException("minHistory was " + minHistory + "; use at least 2");
      }
      if (negatives < 1) {
        throw new IllegalArgumentException("negatives was " + negatives + "; use at least 1, e.g. 50");
      }
      if (ranker == null) {
        throw new IllegalArgumentException("ranker config is null; use RankerConfig.defaults(seed)");
      }
    }

    /** Latest 10% held out, users with at least 5 positives, 50 negatives. */
    public static Config defaults(long seed) {
      return new Config(0.1, true, 5, 50, RankerConfig.defaults(seed));
    }
  }

  /**
   * Trains a ranker for {@code pipeline} on {@code snapshot} (see the class comment).
   *
   * @param text the text encoder of the text recall source, as serving uses
   * @param log progress lines (may be null)
   * @throws IllegalArgumentException when no user has a held-out item among their candidates
   */
  public static RankerModel train(InteractionSnapshot snapshot, Pipeline pipeline,
      PipelineConfig pipelineConfig, Config config, TextEncoderFactory text, Consumer<String> log) {
    return train(snapshot, pipeline, pipelineConfig, config, Map.of(), text, log);
  }

  /**
   * As {@link #train(InteractionSnapshot, Pipeline, PipelineConfig, Config, TextEncoderFactory,
   * Consumer)}, with {@code trainers} replacing the registry's trainers of the recall models they
   * name (as in {@link ModelSet#train(InteractionSnapshot, PipelineConfig, Map, long)}).
   */
  public static RankerModel train(InteractionSnapshot snapshot, Pipeline pipeline,
      PipelineConfig pipelineConfig, Config config, Map<String, dev.longview.core.model.Trainer> trainers,
      TextEncoderFactory text, Consumer<String> log) {
    long seed = config.ranker().seed();
    long t0 = System.nanoTime();
    int users = snapshot.userCount();
    int[][] heldOut = new int[users][];
    InteractionSnapshot reduced = holdOut(snapshot, config, heldOut);
    ModelSet models = ModelSet.train(reduced, pipelineConfig, trainers, seed, text);
    say(log, String.format(java.util.Locale.ROOT,
        "ranker: recall models on %d of %d interactions in %.1f s", reduced.size(),
        snapshot.size(), (System.nanoTime() - t0) / 1e9));
    long t1 = System.nanoTime();
    LabeledGroup[] groupOf = new LabeledGroup[users];
    IntStream.range(0, users).parallel().forEach(u -> {
      if (heldOut[u] == null) {
        return;
      }
      RecommendRequest req = new RecommendRequest(reduced.userId(u), 1, 0, null, null, null,
          null, null, null, false);
      RankRequest r = pipeline.rankRequest(models, req);
      groupOf[u] = TrainingGroups.heldOut(r, heldOut[u], config.negatives(), seed);
    });
    List<LabeledGroup> groups = new ArrayList<>();
    for (LabeledGroup g : groupOf) {
      if (g != null) {
        groups.add(g);
      }
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("no user's held-out items were among their candidates ("
          + users + " users, " + snapshot.size() + " interactions); a ranker needs users with at"
          + " least " + config.minHistory() + " interactions and recall that finds some of them");
    }
    say(log, String.format(java.util.Locale.ROOT, "ranker: %d training groups in %.1f s",
        groups.size(), (System.nanoTime() - t1) / 1e9));
    if (log != null) {
      log.accept("ranker: user signals of the training groups: " + signalSummary(groups));
    }
    long t2 = System.nanoTime();
    RankerFeatures features = RankerFeatures.of(reduced, ModelSet.embeddings(models.factors()),
        null, ZoneId.of("UTC"), 7);
    RankerModel model = new RankerTrainer(config.ranker()).trainModel(features,
        pipeline.sourceNames(), groups);
    say(log, String.format(java.util.Locale.ROOT,
        "ranker: LambdaMART on %d groups, %d rows in %.1f s", model.trainGroups(),
        model.trainRows(), (System.nanoTime() - t2) / 1e9));
    if (log != null) {
      log.accept("ranker: gain share " + gainShares(model.importance()));
    }
    return model;
  }

  /** Stage counts, mean churn risk and how many users have a purchase value, over the groups. */
  static String signalSummary(List<LabeledGroup> groups) {
    Map<String, Integer> stages = new java.util.TreeMap<>();
    double risk = 0;
    int risks = 0;
    int priced = 0;
    for (LabeledGroup g : groups) {
      dev.longview.rank.UserSignals us = g.request().userSignals();
      stages.merge(String.valueOf(us.stage()), 1, Integer::sum);
      if (!Float.isNaN(us.churnRisk())) {
        risk += us.churnRisk();
        risks++;
      }
      if (!Float.isNaN(us.monetary())) {
        priced++;
      }
    }
    return String.format(java.util.Locale.ROOT, "stages %s, mean churn risk %.3f, %d of %d with a"
        + " purchase value", stages, risks == 0 ? Double.NaN : risk / risks, priced, groups.size());
  }

  /** Each feature's share of the total gain, largest first, as "label 12.3%" (non-zero only). */
  static String gainShares(Map<String, Double> gains) {
    double total = gains.values().stream().mapToDouble(Double::doubleValue).sum();
    StringBuilder b = new StringBuilder();
    gains.forEach((label, g) -> {
      if (g > 0) {
        b.append(b.isEmpty() ? "" : "; ").append(label).append(' ')
            .append(String.format(java.util.Locale.ROOT, "%.2f%%", 100 * g / total));
      }
    });
    return b.toString();
  }

  private static void say(Consumer<String> log, String line) {
    if (log != null) {
      log.accept(line);
    }
  }

  /**
   * {@code snapshot} without the held-out interactions (same users and items, same dense
   * indices); {@code heldOut[u]} gets user u's held-out items (null when none).
   */
  static InteractionSnapshot holdOut(InteractionSnapshot s, Config config, int[][] heldOut) {
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < s.userCount(); u++) {
      long first = s.userFirstSeen(u);
      b.addUser(s.userId(u), first == Long.MIN_VALUE ? null : Instant.ofEpochSecond(first),
          s.userAttributes(u));
    }
    for (int i = 0; i < s.itemCount(); i++) {
      float price = s.itemPrice(i);
      b.addItem(s.itemId(i), s.itemCategories(i), s.itemTitle(i),
          Float.isNaN(price) ? null : (double) price, s.itemHidden(i));
    }
    for (int u = 0; u < s.userCount(); u++) {
      int start = s.userStart(u);
      int end = s.userEnd(u);
      int[] positive = new int[end - start];
      int n = 0;
      for (int p = start; p < end; p++) {
        if (s.weightAt(p) > 0) {
          positive[n++] = p;
        }
      }
      boolean[] held = new boolean[end - start];
      if (n >= config.minHistory()) {
        int h = Math.max(1, (int) Math.round(config.holdout() * n));
        if (config.latest()) {
          // Rows are in time order: the last h positives.
          for (int k = n - h; k < n; k++) {
            held[positive[k] - start] = true;
          }
        } else {
          SplittableRandom rnd = new SplittableRandom(config.ranker().seed()
              ^ (0x9E3779B97F4A7C15L * (u + 1L)));
          int[] pick = Arrays.copyOf(positive, n);
          for (int k = 0; k < h; k++) {
            int j = k + rnd.nextInt(n - k);
            int t = pick[k];
            pick[k] = pick[j];
            pick[j] = t;
            held[pick[k] - start] = true;
          }
        }
        int[] items = new int[h];
        int k = 0;
        for (int p = start; p < end; p++) {
          if (held[p - start]) {
            items[k++] = s.itemAt(p);
          }
        }
        heldOut[u] = items;
      }
      for (int p = start; p < end; p++) {
        if (!held[p - start]) {
          b.addInteraction(u, s.itemAt(p), s.weightAt(p), s.epochSecondAt(p));
        }
      }
    }
    return b.build();
  }
}
