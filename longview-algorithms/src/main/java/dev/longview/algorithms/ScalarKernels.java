package dev.longview.algorithms;

/** Plain-Java kernels: the fallback when the Vector API is not enabled. */
final class ScalarKernels implements Kernels {
  static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public void dotRows(float[] q, float[] m, int mo, int rows, int n, float[] out, int oo) {
    for (int r = 0; r < rows; r++) {
      out[oo + r] = dot(q, 0, m, mo + r * n, n);
    }
  }

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int n) {
    // Four partial sums: shorter dependency chains than one running sum.
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[ao + i] * b[bo + i];
      s1 += a[ao + i + 1] * b[bo + i + 1];
      s2 += a[ao + i + 2] * b[bo + i + 2];
      s3 += a[ao + i + 3] * b[bo + i + 3];
    }
    for (; i < n; i++) {
      s0 += a[ao + i] * b[bo + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public double dot(double[] a, int ao, double[] b, int bo, int n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[ao + i] * b[bo + i];
      s1 += a[ao + i + 1] * b[bo + i + 1];
      s2 += a[ao + i + 2] * b[bo + i + 2];
      s3 += a[ao + i + 3] * b[bo + i + 3];
    }
    for (; i < n; i++) {
      s0 += a[ao + i] * b[bo + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] += alpha * x[xo + i];
    }
  }

  @Override
  public void gatherRows(float[] src, int[] idx, float[] w, int from, int to, int n, float[] out,
      int oo) {
    java.util.Arrays.fill(out, oo, oo + n, 0f);
    for (int q = from; q < to; q++) {
      axpy(w[q], src, idx[q] * n, out, oo, n);
    }
  }

  @Override
  public void ridgeMatVec(float[] g, float alpha0, float reg, float[] v, float[] out, int n) {
    for (int a = 0; a < n; a++) {
      out[a] = reg * v[a];
    }
    for (int b = 0; b < n; b++) {
      axpy(alpha0 * v[b], g, b * n, out, 0, n);
    }
  }

  @Override
  public void weightedRowSum(float[] m, int[] idx, int from, int to, int n, float[] v,
      float alpha, boolean residual, float[] out, float[] coef) {
    for (int q = from; q < to; q++) {
      int o = idx[q] * n;
      float d = dot(m, o, v, 0, n);
      axpy(residual ? alpha * (1f - d) : alpha * d, m, o, out, 0, n);
    }
  }

  @Override
  public void bprStep(float[] w, int uo, float[] h, int io, int jo, int n, float g, float lr,
      float reg) {
    for (int c = 0; c < n; c++) {
      float wu = w[uo + c];
      float hi = h[io + c];
      float hj = h[jo + c];
      w[uo + c] = wu + lr * (g * (hi - hj) - reg * wu);
      h[io + c] = hi + lr * (g * wu - reg * hi);
      h[jo + c] = hj + lr * (-g * wu - reg * hj);
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
