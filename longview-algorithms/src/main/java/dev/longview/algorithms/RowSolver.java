package dev.longview.algorithms;

/**
 * One iALS row update by conjugate gradient: approximately solves
 * {@code (alpha0 G + reg I + alpha sum_{j in row} h_j h_j^T) x = alpha sum_{j in row} h_j},
 * warm-started from the current {@code x}, in {@code steps} CG steps. An empty row gets x = 0.
 * Holds scratch vectors (grown, never shrunk, so no allocation per row): one per thread. The dense
 * part {@code (alpha0 G + reg I) p} and the sparse part {@code sum alpha <h_j, p> h_j} are one
 * kernel call each ({@link Kernels#ridgeMatVec}, {@link Kernels#weightedRowSum}).
 */
final class RowSolver {
  private final int f;
  private final Kernels k;
  private final float[] x;
  private final float[] r;
  private final float[] p;
  private final float[] ap;
  private float[] coef = new float[256];

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
    if (coef.length < to - from) {
      coef = new float[Math.max(to - from, 2 * coef.length)];
    }
    System.arraycopy(target, offset, x, 0, f);
    // r = b - A x = sum alpha (1 - <h_j, x>) h_j - (alpha0 G + reg I) x
    k.ridgeMatVec(gram, alpha0, reg, x, r, f);
    for (int c = 0; c < f; c++) {
      r[c] = -r[c];
    }
    k.weightedRowSum(other, idx, from, to, f, x, alpha, true, r, coef);
    System.arraycopy(r, 0, p, 0, f);
    float rsOld = k.dot(r, 0, r, 0, f);
    for (int s = 0; s < steps && rsOld > 1e-20f; s++) {
      k.ridgeMatVec(gram, alpha0, reg, p, ap, f);
      k.weightedRowSum(other, idx, from, to, f, p, alpha, false, ap, coef);
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
}
