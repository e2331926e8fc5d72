package dev.longview.algorithms;

import java.util.stream.IntStream;

/**
 * The inverse of a dense symmetric positive-definite matrix by Cholesky factorisation, for EASE.
 *
 * <p>Three steps, each O(n^3 / 3) and each inner loop a contiguous dot product (so the SIMD
 * kernel does the work): (1) {@code A = L L^T}, row by row (row i needs the rows above it);
 * (2) {@code M = L^-T}, stored by rows: row a of M is column a of {@code L^-1}, found by forward
 * substitution, rows independent and computed in parallel; (3) {@code A^-1 = L^-T L^-1}, entry
 * (a, b) the dot product of rows a and b of M from column max(a, b) on, rows in parallel.
 * Row-major flat arrays; only the lower triangle of the input is read. Not blocked: at n = 3,100
 * it takes a few seconds, see BENCHMARKS.md.
 */
final class DenseCholesky {
  private DenseCholesky() {}

  /**
   * Returns the inverse of the n x n SPD matrix whose lower triangle is in {@code a} (which is
   * overwritten with scratch).
   *
   * @throws IllegalArgumentException when the matrix is not positive definite
   */
  static double[] invertSpd(double[] a, int n, Kernels k) {
    factor(a, n, k);
    double[] m = new double[n * n];
    IntStream.range(0, n).parallel().forEach(col -> {
      // x = L^-1 e_col, nonzero from col on; kept in m's row col.
      int row = col * n;
      m[row + col] = 1.0 / a[col * n + col];
      for (int i = col + 1; i < n; i++) {
        double s = k.dot(a, i * n + col, m, row + col, i - col);
        m[row + i] = -s / a[i * n + i];
      }
    });
    // a is no longer needed: reuse it for the inverse.
    IntStream.range(0, n).parallel().forEach(r -> {
      for (int c = 0; c <= r; c++) {
        a[r * n + c] = k.dot(m, r * n + r, m, c * n + r, n - r);
      }
    });
    for (int r = 0; r < n; r++) {
      for (int c = r + 1; c < n; c++) {
        a[r * n + c] = a[c * n + r];
      }
    }
    return a;
  }

  /** In place: the lower triangle of a becomes L with A = L L^T. */
  static void factor(double[] a, int n, Kernels k) {
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      for (int j = 0; j < i; j++) {
        int rj = j * n;
        a[ri + j] = (a[ri + j] - k.dot(a, ri, a, rj, j)) / a[rj + j];
      }
      double d = a[ri + i] - k.dot(a, ri, a, ri, i);
      if (!(d > 0)) {
        throw new IllegalArgumentException("matrix is not positive definite (pivot " + i + " is "
            + d + "); for EASE, increase lambda");
      }
      a[ri + i] = Math.sqrt(d);
    }
  }
}
