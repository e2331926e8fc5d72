package dev.longview.algorithms;

import java.util.stream.IntStream;

/**
 * The inverse of a dense symmetric positive-definite matrix by Cholesky factorisation, for EASE.
 *
 * <p>Three steps, each O(n^3 / 3) and each inner loop a contiguous dot product (so the SIMD
 * kernel does the work): (1) {@code A = L L^T}, row by row (row i needs the rows above it);
 * (2) {@code M = L^-T}, stored by rows: row a of M is column a of {@code L^-1}, found by forward
 * substitution, blocks of rows in parallel; (3) {@code A^-1 = L^-T L^-1}, entry (a, b) the dot
 * product of rows a and b of M from column max(a, b) on, blocks of rows in parallel. Working a
 * block of 64 rows at a time keeps the memory traffic at O(n^3 / 64) instead of O(n^3).
 * Row-major flat arrays; only the lower triangle of the input is read. See BENCHMARKS.md for
 * the time at n = 3,123 (EASE on P1).
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
    int blocks = (n + BLOCK - 1) / BLOCK;
    // Blocks of BLOCK columns of L^-1 at a time, so that L streams through the cache once per
    // block rather than once per column.
    IntStream.range(0, blocks).parallel().forEach(b -> {
      int c0 = b * BLOCK;
      int c1 = Math.min(n, c0 + BLOCK);
      for (int col = c0; col < c1; col++) {
        m[col * n + col] = 1.0 / a[col * n + col];
      }
      for (int i = c0 + 1; i < n; i++) {
        int ri = i * n;
        double diag = a[ri + i];
        for (int col = c0; col < Math.min(c1, i); col++) {
          double s = k.dot(a, ri + col, m, col * n + col, i - col);
          m[col * n + i] = -s / diag;
        }
      }
    });
    // a is no longer needed: reuse it for the inverse, a block of rows at a time.
    IntStream.range(0, blocks).parallel().forEach(b -> {
      int r0 = b * BLOCK;
      int r1 = Math.min(n, r0 + BLOCK);
      for (int c = 0; c < r1; c++) {
        for (int r = Math.max(r0, c); r < r1; r++) {
          a[r * n + c] = k.dot(m, r * n + r, m, c * n + r, n - r);
        }
      }
    });
    for (int r = 0; r < n; r++) {
      for (int c = r + 1; c < n; c++) {
        a[r * n + c] = a[c * n + r];
      }
    }
    return a;
  }

  /** Columns per block of the left-looking factorisation. */
  static final int BLOCK = 64;

  /**
   * In place: the lower triangle of a becomes L with A = L L^T. Blocked left-looking: for each
   * block of {@value #BLOCK} columns, (1) subtract the contribution of all columns to its left from
   * the block column (rows in parallel; this is the O(n^3 / 3) part), (2) factor the diagonal
   * block, (3) solve the rows below it (in parallel). Every inner loop is a contiguous dot
   * product; each entry is computed by one thread in a fixed order, so the result does not
   * depend on the thread count.
   */
  static void factor(double[] a, int n, Kernels k) {
    for (int c0 = 0; c0 < n; c0 += BLOCK) {
      int start = c0;
      int end = Math.min(n, c0 + BLOCK);
      if (start > 0) {
        IntStream.range(start, n).parallel().forEach(i -> {
          int ri = i * n;
          for (int j = start; j < Math.min(end, i + 1); j++) {
            a[ri + j] -= k.dot(a, ri, a, j * n, start);
          }
        });
      }
      for (int i = start; i < end; i++) {
        int ri = i * n;
        for (int j = start; j < i; j++) {
          int rj = j * n;
          a[ri + j] = (a[ri + j] - k.dot(a, ri + start, a, rj + start, j - start)) / a[rj + j];
        }
        double d = a[ri + i] - k.dot(a, ri + start, a, ri + start, i - start);
        if (!(d > 0)) {
          throw new IllegalArgumentException("matrix is not positive definite (pivot " + i
              + " is " + d + "); for EASE, increase lambda");
        }
        a[ri + i] = Math.sqrt(d);
      }
      IntStream.range(end, n).parallel().forEach(i -> {
        int ri = i * n;
        for (int j = start; j < end; j++) {
          int rj = j * n;
          a[ri + j] = (a[ri + j] - k.dot(a, ri + start, a, rj + start, j - start)) / a[rj + j];
        }
      });
    }
  }
}
