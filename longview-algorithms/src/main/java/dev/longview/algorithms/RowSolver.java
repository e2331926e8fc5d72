package dev.longview.algorithms;

/**
 * One iALS row update by conjugate gradient: approximately solves
 * {@code (alpha0 G + reg I + alpha sum_{j in row} h_j h_j^T) x = alpha sum_{j in row} h_j},
 * warm-started from the current {@code x}, in {@code steps} CG steps. An empty row gets x = 0.
 * Holds scratch vectors: one per thread.
 */
final class RowSolver {
  private final int f;
  private final Kernels k;
  private final float[] x;
  private final float[] r;
  private final float[] p;
  private final float[] ap;

  RowSolver(int f, Kernels k) {
    this.f = f;
    this.k = k;
    this.x = new float[f];
    this.r = new float[f];
    this.p = new float[f];
    this.ap = new float[f];
  }

  void solve(float[] gram, float alpha0, float reg, float alpha, float[] other, int[] idx,
      int from, int to, float[] target, int offset, int steps) {
    if (from == to) {
      java.util.Arrays.fill(target, offset, offset + f, 0f);
      return;
    }
    System.arraycopy(target, offset, x, 0, f);
    // r = b - A x = sum alpha (1 - <h_j, x>) h_j - (alpha0 G + reg I) x
    applyDense(gram, alpha0, reg, x, r);
    for (int c = 0; c < f; c++) {
      r[c] = -r[c];
    }
    for (int q = from; q < to; q++) {
      int o = idx[q] * f;
      float e = alpha * (1f - k.dot(other, o, x, 0, f));
      k.axpy(e, other, o, r, 0, f);
    }
    System.arraycopy(r, 0, p, 0, f);
    float rsOld = k.dot(r, 0, r, 0, f);
    for (int s = 0; s < steps && rsOld > 1e-20f; s++) {
      applyDense(gram, alpha0, reg, p, ap);
      for (int q = from; q < to; q++) {
        int o = idx[q] * f;
        k.axpy(alpha * k.dot(other, o, p, 0, f), other, o, ap, 0, f);
      }
      float pap = k.dot(p, 0, ap, 0, f);
      if (!(pap > 0f)) {
        break;
      }
      float a = rsOld / pap;
      k.axpy(a, p, 0, x, 0, f);
      k.axpy(-a, ap, 0, r, 0, f);
      float rsNew = k.dot(r, 0, r, 0, f);
      float beta = rsNew / rsOld;
      for (int c = 0; c < f; c++) {
        p[c] = r[c] + beta * p[c];
      }
      rsOld = rsNew;
    }
    System.arraycopy(x, 0, target, offset, f);
  }

  /**
   * out = (alpha0 G + reg I) v, as a sum of G's rows (G is symmetric): f axpy calls, no
   * horizontal reductions.
   */
  private void applyDense(float[] gram, float alpha0, float reg, float[] v, float[] out) {
    for (int a = 0; a < f; a++) {
      out[a] = reg * v[a];
    }
    for (int b = 0; b < f; b++) {
      k.axpy(alpha0 * v[b], gram, b * f, out, 0, f);
    }
  }
}
