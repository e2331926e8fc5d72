package dev.longview.rank;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Trains a {@link Ranker}: LightGBM's LambdaMART ({@code objective=lambdarank}, Burges 2010) over
 * the feature rows of {@link RankerFeatures}, one query group per {@link LabeledGroup}. Groups
 * without a positive label carry no pairwise gradient and are dropped. The device vocabulary is
 * the sorted set of devices seen in the groups, the stage vocabulary the sorted set of
 * {@link UserSignals#stage} labels. Deterministic for a seed and data (LightGBM's
 * {@code deterministic=true}). Immutable; thread-safe.
 */
public final class RankerTrainer {
  private final RankerConfig config;

  public RankerTrainer(RankerConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config is null; use RankerConfig.defaults(seed)");
    }
    this.config = config;
  }

  public RankerConfig config() {
    return config;
  }

  /**
   * Trains on {@code groups}.
   *
   * @param sources recall source names, in the order of each request's {@code sourceScores}
   * @throws IllegalArgumentException when no group has a positive label, or a group's source
   *     count differs from {@code sources}
   */
  public Ranker train(RankerFeatures features, List<String> sources, List<LabeledGroup> groups) {
    return new Ranker(features, trainModel(features, sources, groups), true);
  }

  /**
   * As {@link #train}, returning the model alone (for a bundle, or to bind to other snapshots
   * with {@link RankerModel#on}); the caller closes it.
   */
  public RankerModel trainModel(RankerFeatures features, List<String> sources,
      List<LabeledGroup> groups) {
    if (features == null || sources == null || groups == null) {
      throw new IllegalArgumentException("features, sources and groups are required");
    }
    if (new TreeSet<>(sources).size() != sources.size()) {
      throw new IllegalArgumentException("recall source names " + sources + " repeat a name");
    }
    List<LabeledGroup> used = new ArrayList<>();
    TreeSet<String> deviceSet = new TreeSet<>();
    TreeSet<String> stageSet = new TreeSet<>();
    long rows = 0;
    for (int g = 0; g < groups.size(); g++) {
      LabeledGroup lg = groups.get(g);
      if (lg.request().sourceCount() != sources.size()) {
        throw new IllegalArgumentException("group " + g + " has scores of "
            + lg.request().sourceCount() + " sources but " + sources.size() + " are named ("
            + sources + ")");
      }
      if (lg.hasPositive()) {
        used.add(lg);
        rows += lg.used();
        if (lg.request().context().device() != null) {
          deviceSet.add(lg.request().context().device());
        }
        if (lg.request().userSignals().stage() != null) {
          stageSet.add(lg.request().userSignals().stage());
        }
      }
    }
    if (used.isEmpty()) {
      throw new IllegalArgumentException("none of the " + groups.size() + " groups has a positive"
          + " label; a ranker learns only from groups with at least one click or held-out item");
    }
    int w = RankerFeatures.width(sources.size());
    if (rows * w > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(rows + " training rows x " + w + " features is too"
          + " large for one matrix; sample fewer negatives per group");
    }
    Map<String, Integer> devices = new LinkedHashMap<>();
    for (String d : deviceSet) {
      devices.put(d, devices.size());
    }
    Map<String, Integer> stages = new LinkedHashMap<>();
    for (String st : stageSet) {
      stages.put(st, stages.size());
    }
    float[] x = new float[(int) (rows * w)];
    float[] y = new float[(int) rows];
    int[] sizes = new int[used.size()];
    int row = 0;
    float[] buf = new float[0];
    for (int g = 0; g < used.size(); g++) {
      LabeledGroup lg = used.get(g);
      int n = lg.request().size();
      if (buf.length < n * w) {
        buf = new float[n * w];
      }
      features.featurise(lg.request(), devices, stages, buf, 0);
      for (int k = 0; k < n; k++) {
        if (lg.label(k) >= 0) {
          System.arraycopy(buf, k * w, x, row * w, w);
          y[row] = lg.label(k);
          row++;
          sizes[g]++;
        }
      }
    }
    List<String> names = RankerFeatures.names(sources);
    LightGbmNatives.ensureLoaded();
    try {
      LGBMDataset ds = LGBMDataset.createFromMat(x, (int) rows, w, true,
          "verbose=-1 max_bin=255 categorical_feature=" + RankerFeatures.ITEM_CATEGORY + ","
              + RankerFeatures.DEVICE + "," + RankerFeatures.USER_STAGE + " seed=" + config.seed(),
          null);
      try {
        ds.setFeatureNames(names.toArray(String[]::new));
        ds.setField("label", y);
        ds.setField("group", sizes);
        LGBMBooster booster = LGBMBooster.create(ds, config.lightGbmParams());
        try {
          for (int r = 0; r < config.rounds(); r++) {
            if (booster.updateOneIter()) {
              break;
            }
          }
          String model = booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
          return new RankerModel(sources, devices, stages, model, features.zone(),
              features.recentDays(), config.threads(), used.size(), (int) rows);
        } finally {
          booster.close();
        }
      } finally {
        ds.close();
      }
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM failed to train the ranker: " + e.getMessage(), e);
    }
  }
}
