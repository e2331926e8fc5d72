package dev.longview.churn;

import com.microsoft.ml.lightgbm.PredictionType;
import dev.longview.core.PrivateTempDir;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;

/**
 * Gradient-boosted trees with LightGBM (binary log loss, so the outputs are probabilities),
 * through lightgbm4j's bundled natives. Deterministic for a seed ({@code deterministic=true},
 * one thread). The booster's native memory is released after predicting. The natives are loaded
 * from a private directory ({@link PrivateTempDir}): lightgbm4j's fixed {@code /tmp} file name
 * would let another JVM overwrite the library this one has mapped.
 */
final class LightGbmClassifier {
  private LightGbmClassifier() {}

  private static final class Natives {
    static {
      PrivateTempDir.run("longview-lightgbm", LGBMBooster::loadNative);
    }

    static void ensureLoaded() {
      // the static initialiser above runs once, on first call
    }
  }

  static final String PARAMS = "objective=binary learning_rate=0.03 num_leaves=15 max_depth=5"
      + " min_data_in_leaf=40 feature_fraction=0.8 bagging_fraction=0.8 bagging_freq=1"
      + " lambda_l2=1.0 deterministic=true force_row_wise=true num_threads=1 verbose=-1";

  /** Trains on (x, y) for {@code rounds} rounds and returns the predicted probabilities of {@code test}. */
  static double[] fitPredict(double[][] x, double[] y, double[][] test, int rounds, long seed) {
    Natives.ensureLoaded();
    int d = x[0].length;
    try {
      LGBMDataset ds = LGBMDataset.createFromMat(flatten(x), x.length, d, true,
          "verbose=-1 seed=" + seed, null);
      try {
        float[] labels = new float[y.length];
        for (int i = 0; i < y.length; i++) {
          labels[i] = (float) y[i];
        }
        ds.setField("label", labels);
        LGBMBooster booster = LGBMBooster.create(ds, PARAMS + " seed=" + seed);
        try {
          for (int r = 0; r < rounds; r++) {
            booster.updateOneIter();
          }
          return booster.predictForMat(flatten(test), test.length, d, true,
              PredictionType.C_API_PREDICT_NORMAL);
        } finally {
          booster.close();
        }
      } finally {
        ds.close();
      }
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM failed: " + e.getMessage(), e);
    }
  }

  private static double[] flatten(double[][] x) {
    int d = x[0].length;
    double[] out = new double[x.length * d];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, out, i * d, d);
    }
    return out;
  }
}
