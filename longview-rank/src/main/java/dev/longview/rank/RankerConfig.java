package dev.longview.rank;

/**
 * Hyperparameters of {@link RankerTrainer} (LightGBM LambdaMART). Defaults work for groups of
 * tens to hundreds of candidates and a few thousand groups; they were not tuned on the test data.
 *
 * @param rounds boosting rounds (trees); default 300
 * @param learningRate shrinkage per tree; default 0.05
 * @param numLeaves leaves per tree; default 31
 * @param minDataInLeaf smallest leaf; default 50 (guards against memorising small groups)
 * @param featureFraction share of features each tree may use; default 0.9
 * @param truncationLevel LambdaMART's pair truncation (positions that get gradients); default 20
 * @param threads LightGBM threads for training and prediction; default 1 (deterministic at any
 *     count: {@code deterministic=true, force_row_wise=true})
 * @param seed seed of LightGBM's feature sampling (and of negative sampling in
 *     {@link TrainingGroups})
 */
public record RankerConfig(int rounds, double learningRate, int numLeaves, int minDataInLeaf,
    double featureFraction, int truncationLevel, int threads, long seed) {
  public RankerConfig {
    if (rounds < 1 || rounds > 100_000) {
      throw new IllegalArgumentException("rounds was " + rounds + "; use 1..100000 (e.g. 300)");
    }
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("learningRate was " + learningRate + "; use (0, 1], e.g. 0.05");
    }
    if (numLeaves < 2) {
      throw new IllegalArgumentException("numLeaves was " + numLeaves + "; use at least 2, e.g. 31");
    }
    if (minDataInLeaf < 1) {
      throw new IllegalArgumentException("minDataInLeaf was " + minDataInLeaf + "; use at least 1");
    }
    if (!(featureFraction > 0 && featureFraction <= 1)) {
      throw new IllegalArgumentException("featureFraction was " + featureFraction + "; use (0, 1]");
    }
    if (truncationLevel < 1) {
      throw new IllegalArgumentException("truncationLevel was " + truncationLevel + "; use at least 1");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads was " + threads + "; use at least 1");
    }
  }

  /** The defaults with {@code seed}. */
  public static RankerConfig defaults(long seed) {
    return new RankerConfig(300, 0.05, 31, 50, 0.9, 20, 1, seed);
  }

  public RankerConfig withRounds(int r) {
    return new RankerConfig(r, learningRate, numLeaves, minDataInLeaf, featureFraction,
        truncationLevel, threads, seed);
  }

  public RankerConfig withMinDataInLeaf(int m) {
    return new RankerConfig(rounds, learningRate, numLeaves, m, featureFraction, truncationLevel,
        threads, seed);
  }

  public RankerConfig withThreads(int t) {
    return new RankerConfig(rounds, learningRate, numLeaves, minDataInLeaf, featureFraction,
        truncationLevel, t, seed);
  }

  String lightGbmParams() {
    return "objective=lambdarank metric=ndcg eval_at=10 learning_rate=" + learningRate
        + " num_leaves=" + numLeaves + " min_data_in_leaf=" + minDataInLeaf
        + " feature_fraction=" + featureFraction + " lambdarank_truncation_level="
        + truncationLevel + " lambda_l2=1.0 deterministic=true force_row_wise=true num_threads="
        + threads + " seed=" + seed + " verbose=-1";
  }
}
