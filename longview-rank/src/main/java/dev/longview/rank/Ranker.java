package dev.longview.rank;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A trained context-aware ranker: re-scores the merged recall candidates of a request with a
 * LambdaMART model and explains each score by the features that moved it most (LightGBM's tree
 * SHAP contributions, {@code predict_contrib}). A {@link RankerModel} (the LightGBM booster and
 * its metadata) bound to the feature space of one snapshot: built by {@link RankerTrainer} (which
 * owns the booster: {@link #close} it when the ranker is replaced) or by {@link RankerModel#on}
 * (a view sharing the model's booster; closing it does nothing). Immutable and thread-safe
 * (LightGBM's prediction takes a shared lock).
 *
 * <p>The serving pipeline's ranking stage ({@code RankerScorer} in longview-pipeline) calls
 * {@link #score} and, for explanations, {@link #sourceContributions}; {@link #rank} gives the
 * sorted candidates with their top feature contributions. Scores are comparable within one
 * request only.
 */
public final class Ranker implements AutoCloseable {
  private final RankerFeatures features;
  private final RankerModel model;
  private final boolean owner;
  private final Map<String, Integer> devices;
  private final Map<String, Integer> stages;
  private final List<String> sources;
  private final List<String> names;
  private final List<String> labels;
  private final int width;
  private final String predictParams;
  private final LGBMBooster booster;

  /**
   * @param owner whether {@link #close} frees {@code model}'s booster (a trainer's ranker does; a
   *     view made by {@link RankerModel#on} does not)
   */
  Ranker(RankerFeatures features, RankerModel model, boolean owner) {
    this.features = features;
    this.model = model;
    this.owner = owner;
    this.sources = model.sources();
    this.devices = model.devices();
    this.stages = model.stages();
    this.names = model.names();
    this.labels = model.labels();
    this.width = model.width();
    this.predictParams = "num_threads=" + model.threads();
    this.booster = model.booster;
  }

  /** The trained model behind this ranker (what a bundle stores), shared by its views. */
  public RankerModel model() {
    return model;
  }

  /** Recall source names, in the order a request's {@code sourceScores} must follow. */
  public List<String> sources() {
    return sources;
  }

  /** Stable feature names, in row order. */
  public List<String> featureNames() {
    return names;
  }

  /** Readable feature names, in row order. */
  public List<String> featureLabels() {
    return labels;
  }

  /** Devices the ranker knows (seen in training); others count as missing. */
  public List<String> devices() {
    return devices.keySet().stream().sorted().toList();
  }

  public RankerFeatures features() {
    return features;
  }

  /** Groups and rows the ranker was trained on. */
  public int trainGroups() {
    return model.trainGroups();
  }

  public int trainRows() {
    return model.trainRows();
  }

  /** The LightGBM model text (for a model bundle). */
  public String modelText() {
    return model.text();
  }

  /**
   * Re-scores the candidates of {@code request} and returns them best first (ties by item index),
   * each with its {@code explain} largest contributions by absolute value (0 for none).
   *
   * @throws IllegalArgumentException for a request whose source count differs from
   *     {@link #sources()}, a user or item outside the snapshot, or a bad query vector; the
   *     message says which
   */
  public List<RankedCandidate> rank(RankRequest request, int explain) {
    if (explain < 0) {
      throw new IllegalArgumentException("explain was " + explain + "; use 0 for no explanation");
    }
    float[] x = featurise(request);
    int n = request.size();
    if (n == 0) {
      return List.of();
    }
    double[] scores = predict(x, n, PredictionType.C_API_PREDICT_NORMAL);
    double[] contrib = explain > 0 ? predict(x, n, PredictionType.C_API_PREDICT_CONTRIB) : null;
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a])
        : Integer.compare(request.item(a), request.item(b)));
    List<RankedCandidate> out = new ArrayList<>(n);
    for (int k : order) {
      List<Contribution> top = List.of();
      if (contrib != null) {
        top = topContributions(x, k * width, contrib, k * (width + 1), explain);
      }
      out.add(new RankedCandidate(request.item(k), (float) scores[k], top));
    }
    return out;
  }

  /** The score of every candidate of every request, in request then candidate order (batched). */
  public double[] score(List<RankRequest> requests) {
    int rows = 0;
    for (RankRequest r : requests) {
      rows += r.size();
    }
    float[] x = new float[rows * width];
    int row = 0;
    for (RankRequest r : requests) {
      check(r);
      features.featurise(r, devices, stages, x, row * width);
      row += r.size();
    }
    return rows == 0 ? new double[0] : predict(x, rows, PredictionType.C_API_PREDICT_NORMAL);
  }

  /** Total gain of each feature over all trees, largest first (readable names). */
  public Map<String, Double> importance() {
    return model.importance();
  }

  private float[] featurise(RankRequest request) {
    check(request);
    float[] x = new float[request.size() * width];
    features.featurise(request, devices, stages, x, 0);
    return x;
  }

  /**
   * The feature rows of {@code request}'s candidates, row-major ({@code featureNames().size()}
   * floats per candidate, candidate order): exactly what {@link #score} and {@link #rank} feed to
   * LightGBM (for parity checks between training and serving, and for debugging).
   */
  public float[] featureRows(RankRequest request) {
    return featurise(request);
  }

  /** Lifecycle stages the ranker knows (seen in training); others count as missing. */
  public List<String> stages() {
    return stages.keySet().stream().sorted().toList();
  }

  private void check(RankRequest request) {
    if (request == null) {
      throw new IllegalArgumentException("request is null");
    }
    if (request.sourceCount() != sources.size()) {
      throw new IllegalArgumentException("request has scores of " + request.sourceCount()
          + " recall sources but the ranker was trained on " + sources.size() + " " + sources
          + "; pass one score array per source, in that order (NaN where it found nothing)");
    }
  }

  private double[] predict(float[] x, int rows, PredictionType type) {
    try {
      return booster.predictForMat(x, rows, width, true, type, predictParams);
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM failed to predict: " + e.getMessage(), e);
    }
  }

  private List<Contribution> topContributions(float[] x, int xo, double[] c, int co, int k) {
    Integer[] order = new Integer[width];
    for (int f = 0; f < width; f++) {
      order[f] = f;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer f) -> -Math.abs(c[co + f]))
        .thenComparing(f -> f));
    List<Contribution> out = new ArrayList<>(k);
    for (int j = 0; j < Math.min(k, width); j++) {
      int f = order[j];
      if (c[co + f] == 0) {
        break;
      }
      out.add(new Contribution(names.get(f), labels.get(f), x[xo + f], c[co + f]));
    }
    return out;
  }

  /**
   * Each recall source's part of each candidate's score, in candidate order: {@code
   * out[k * sources().size() + s]} is the sum of the SHAP contributions of source {@code s}'s
   * features (its score, rank and normalised score) to candidate {@code k}; what the pipeline's
   * explanations use to name the main contributing source.
   */
  public float[] sourceContributions(RankRequest request) {
    float[] x = featurise(request);
    int n = request.size();
    int s = sources.size();
    float[] out = new float[n * s];
    if (n == 0) {
      return out;
    }
    double[] c = predict(x, n, PredictionType.C_API_PREDICT_CONTRIB);
    int base = RankerFeatures.BASE.length;
    for (int k = 0; k < n; k++) {
      for (int src = 0; src < s; src++) {
        int o = k * (width + 1) + base + 3 * src;
        out[k * s + src] = (float) (c[o] + c[o + 1] + c[o + 2]);
      }
    }
    return out;
  }

  /** Frees the booster when this ranker owns it (see {@link RankerModel#on}); else nothing. */
  @Override
  public void close() {
    if (owner) {
      model.close();
    }
  }
}
