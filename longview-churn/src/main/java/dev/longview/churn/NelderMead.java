package dev.longview.churn;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/** The Nelder-Mead simplex method (standard coefficients 1, 2, 0.5, 0.5). Deterministic. */
final class NelderMead {
  private NelderMead() {}

  record Result(double[] point, double value, int evaluations) {}

  static Result minimize(ToDoubleFunction<double[]> f, double[] start, double step,
      double tolerance, int maxEvaluations) {
    int n = start.length;
    double[][] s = new double[n + 1][];
    double[] v = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      s[i] = start.clone();
      if (i > 0) {
        s[i][i - 1] += step;
      }
      v[i] = f.applyAsDouble(s[i]);
    }
    int evals = n + 1;
    Integer[] idx = new Integer[n + 1];
    while (evals < maxEvaluations) {
      for (int i = 0; i <= n; i++) {
        idx[i] = i;
      }
      Arrays.sort(idx, (p, q) -> Double.compare(v[p], v[q]));
      double[][] s2 = new double[n + 1][];
      double[] v2 = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        s2[i] = s[idx[i]];
        v2[i] = v[idx[i]];
      }
      System.arraycopy(s2, 0, s, 0, n + 1);
      System.arraycopy(v2, 0, v, 0, n + 1);
      if (Math.abs(v[n] - v[0]) <= tolerance * (Math.abs(v[0]) + 1e-12)) {
        break;
      }
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          c[j] += s[i][j] / n;
        }
      }
      double[] xr = along(c, s[n], -1);
      double fr = f.applyAsDouble(xr);
      evals++;
      if (fr < v[0]) {
        double[] xe = along(c, s[n], -2);
        double fe = f.applyAsDouble(xe);
        evals++;
        if (fe < fr) {
          s[n] = xe;
          v[n] = fe;
        } else {
          s[n] = xr;
          v[n] = fr;
        }
      } else if (fr < v[n - 1]) {
        s[n] = xr;
        v[n] = fr;
      } else {
        boolean outside = fr < v[n];
        double[] xc = outside ? along(c, s[n], -0.5) : along(c, s[n], 0.5);
        double fc = f.applyAsDouble(xc);
        evals++;
        if (fc < (outside ? fr : v[n])) {
          s[n] = xc;
          v[n] = fc;
        } else {
          for (int i = 1; i <= n; i++) {
            for (int j = 0; j < n; j++) {
              s[i][j] = s[0][j] + 0.5 * (s[i][j] - s[0][j]);
            }
            v[i] = f.applyAsDouble(s[i]);
            evals++;
          }
        }
      }
    }
    int best = 0;
    for (int i = 1; i <= n; i++) {
      if (v[i] < v[best]) {
        best = i;
      }
    }
    return new Result(s[best].clone(), v[best], evals);
  }

  /** c + t (p - c). */
  private static double[] along(double[] c, double[] p, double t) {
    double[] out = new double[c.length];
    for (int j = 0; j < c.length; j++) {
      out[j] = c[j] + t * (p[j] - c[j]);
    }
    return out;
  }
}
