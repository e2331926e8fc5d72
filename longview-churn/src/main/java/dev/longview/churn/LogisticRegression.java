package dev.longview.churn;

/**
 * L2-regularised logistic regression fitted by Newton's method on standardised features (the
 * intercept is not penalised). Deterministic. The fitted {@link Model} is immutable.
 *
 * <p>Minimises {@code sum_i logloss(y_i, sigmoid(b + w . z_i)) + lambda / 2 |w|^2} where
 * {@code z} is the feature vector standardised with the training mean and standard deviation.
 */
public final class LogisticRegression {
  private LogisticRegression() {}

  /** A fitted model. */
  public record Model(double[] mean, double[] scale, double intercept, double[] weights) {
    public double predict(double[] x) {
      double s = intercept;
      for (int j = 0; j < weights.length; j++) {
        s += weights[j] * (x[j] - mean[j]) / scale[j];
      }
      return sigmoid(s);
    }
  }

  /**
   * @param x rows of features
   * @param y labels 0/1
   * @param lambda L2 penalty (>= 0)
   */
  public static Model fit(double[][] x, double[] y, double lambda) {
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException("need the same positive number of rows and labels, got "
          + x.length + " and " + y.length);
    }
    if (!(lambda >= 0)) {
      throw new IllegalArgumentException("lambda was " + lambda + "; use a penalty >= 0");
    }
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < d; j++) {
      scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1;
    }
    int k = d + 1;
    double[] beta = new double[k];
    double[] z = new double[k];
    for (int iter = 0; iter < 50; iter++) {
      double[] grad = new double[k];
      double[][] h = new double[k][k];
      for (int i = 0; i < n; i++) {
        z[0] = 1;
        for (int j = 0; j < d; j++) {
          z[j + 1] = (x[i][j] - mean[j]) / scale[j];
        }
        double s = 0;
        for (int j = 0; j < k; j++) {
          s += beta[j] * z[j];
        }
        double p = sigmoid(s);
        double w = Math.max(p * (1 - p), 1e-12);
        for (int a = 0; a < k; a++) {
          grad[a] += (p - y[i]) * z[a];
          for (int b = 0; b <= a; b++) {
            h[a][b] += w * z[a] * z[b];
          }
        }
      }
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < a; b++) {
          h[b][a] = h[a][b];
        }
        if (a > 0) {
          grad[a] += lambda * beta[a];
          h[a][a] += lambda;
        }
        h[a][a] += 1e-9;
      }
      double[] step = dev.longview.core.LinearSystems.solve(h, grad);
      double max = 0;
      for (int a = 0; a < k; a++) {
        beta[a] -= step[a];
        max = Math.max(max, Math.abs(step[a]));
      }
      if (max < 1e-9) {
        break;
      }
    }
    double[] w = new double[d];
    System.arraycopy(beta, 1, w, 0, d);
    return new Model(mean, scale, beta[0], w);
  }

  static double sigmoid(double s) {
    return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
  }
}
