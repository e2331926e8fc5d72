package dev.longview.core;

/**
 * Small dense linear systems (a handful of unknowns: Newton steps of a logistic regression, a
 * weighted least-squares fit). Not for large matrices: O(n^3), no blocking.
 */
public final class LinearSystems {
  private LinearSystems() {}

  /**
   * Solves {@code a x = b} by Gaussian elimination with partial pivoting; {@code a} (n x n, by
   * rows) and {@code b} are overwritten. An exactly zero pivot (a singular system) gives 0 for
   * that unknown instead of an infinity; callers that may meet near-singular systems add a ridge.
   */
  public static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
          piv = r;
        }
      }
      double[] tr = a[c];
      a[c] = a[piv];
      a[piv] = tr;
      double tb = b[c];
      b[c] = b[piv];
      b[piv] = tb;
      for (int r = c + 1; r < n; r++) {
        double f = a[c][c] == 0 ? 0 : a[r][c] / a[c][c];
        for (int j = c; j < n; j++) {
          a[r][j] -= f * a[c][j];
        }
        b[r] -= f * b[c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int j = r + 1; j < n; j++) {
        s -= a[r][j] * x[j];
      }
      x[r] = a[r][r] == 0 ? 0 : s / a[r][r];
    }
    return x;
  }
}
