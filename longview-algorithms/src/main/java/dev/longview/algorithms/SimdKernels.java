package dev.longview.algorithms;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API (incubator). Loaded only after {@link Kernels#simdAvailable()}
 * said the module is present; never reference this class directly elsewhere.
 */
final class SimdKernels implements Kernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

  private SimdKernels() {}

  static Kernels create() {
    return new SimdKernels();
  }

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int n) {
    int len = F.length();
    int i = 0;
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    for (; i + 2 * len <= n; i += 2 * len) {
      acc0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), acc0);
      acc1 = FloatVector.fromArray(F, a, ao + i + len)
          .fma(FloatVector.fromArray(F, b, bo + i + len), acc1);
    }
    for (; i + len <= n; i += len) {
      acc0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), acc0);
    }
    float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  @Override
  public void dotRows(float[] q, float[] m, int mo, int rows, int n, float[] out, int oo) {
    int len = F.length();
    int body = n - n % len;
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int o0 = mo + r * n;
      int o1 = o0 + n;
      int o2 = o1 + n;
      int o3 = o2 + n;
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = FloatVector.zero(F);
      FloatVector a2 = FloatVector.zero(F);
      FloatVector a3 = FloatVector.zero(F);
      for (int i = 0; i < body; i += len) {
        FloatVector vq = FloatVector.fromArray(F, q, i);
        a0 = FloatVector.fromArray(F, m, o0 + i).fma(vq, a0);
        a1 = FloatVector.fromArray(F, m, o1 + i).fma(vq, a1);
        a2 = FloatVector.fromArray(F, m, o2 + i).fma(vq, a2);
        a3 = FloatVector.fromArray(F, m, o3 + i).fma(vq, a3);
      }
      out[oo + r] = tail(q, m, o0, body, n, a0.reduceLanes(VectorOperators.ADD));
      out[oo + r + 1] = tail(q, m, o1, body, n, a1.reduceLanes(VectorOperators.ADD));
      out[oo + r + 2] = tail(q, m, o2, body, n, a2.reduceLanes(VectorOperators.ADD));
      out[oo + r + 3] = tail(q, m, o3, body, n, a3.reduceLanes(VectorOperators.ADD));
    }
    for (; r < rows; r++) { // the same sums, one row at a time
      int o = mo + r * n;
      FloatVector a = FloatVector.zero(F);
      for (int i = 0; i < body; i += len) {
        a = FloatVector.fromArray(F, m, o + i).fma(FloatVector.fromArray(F, q, i), a);
      }
      out[oo + r] = tail(q, m, o, body, n, a.reduceLanes(VectorOperators.ADD));
    }
  }

  private static float tail(float[] q, float[] m, int o, int from, int n, float s) {
    for (int i = from; i < n; i++) {
      s += q[i] * m[o + i];
    }
    return s;
  }

  @Override
  public double dot(double[] a, int ao, double[] b, int bo, int n) {
    int len = D.length();
    int i = 0;
    DoubleVector acc0 = DoubleVector.zero(D);
    DoubleVector acc1 = DoubleVector.zero(D);
    for (; i + 2 * len <= n; i += 2 * len) {
      acc0 = DoubleVector.fromArray(D, a, ao + i).fma(DoubleVector.fromArray(D, b, bo + i), acc0);
      acc1 = DoubleVector.fromArray(D, a, ao + i + len)
          .fma(DoubleVector.fromArray(D, b, bo + i + len), acc1);
    }
    for (; i + len <= n; i += len) {
      acc0 = DoubleVector.fromArray(D, a, ao + i).fma(DoubleVector.fromArray(D, b, bo + i), acc0);
    }
    double s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  @Override
  public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    int len = F.length();
    int i = 0;
    FloatVector va = FloatVector.broadcast(F, alpha);
    for (; i + len <= n; i += len) {
      FloatVector.fromArray(F, x, xo + i).fma(va, FloatVector.fromArray(F, y, yo + i))
          .intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] += alpha * x[xo + i];
    }
  }

  /*
   * ridgeMatVec and weightedRowSum keep each vector-wide slice of `out` in a register while
   * running over all the rows that add to it (4 slices at a time; weightedRowSum 8, which at 64
   * floats on AVX2 is the whole output in one pass over the rows), instead of loading and
   * storing `out` once per row as a sequence of axpy calls would. Every element still receives
   * the same fused multiply-adds in the same order as with axpy, so the bits are the same.
   */
  @Override
  public void ridgeMatVec(float[] g, float alpha0, float reg, float[] v, float[] out, int n) {
    int len = F.length();
    int c = 0;
    FloatVector vreg = FloatVector.broadcast(F, reg);
    for (; c + 4 * len <= n; c += 4 * len) {
      FloatVector a0 = FloatVector.fromArray(F, v, c).mul(vreg);
      FloatVector a1 = FloatVector.fromArray(F, v, c + len).mul(vreg);
      FloatVector a2 = FloatVector.fromArray(F, v, c + 2 * len).mul(vreg);
      FloatVector a3 = FloatVector.fromArray(F, v, c + 3 * len).mul(vreg);
      for (int b = 0, o = c; b < n; b++, o += n) {
        FloatVector s = FloatVector.broadcast(F, alpha0 * v[b]);
        a0 = FloatVector.fromArray(F, g, o).fma(s, a0);
        a1 = FloatVector.fromArray(F, g, o + len).fma(s, a1);
        a2 = FloatVector.fromArray(F, g, o + 2 * len).fma(s, a2);
        a3 = FloatVector.fromArray(F, g, o + 3 * len).fma(s, a3);
      }
      a0.intoArray(out, c);
      a1.intoArray(out, c + len);
      a2.intoArray(out, c + 2 * len);
      a3.intoArray(out, c + 3 * len);
    }
    for (; c + len <= n; c += len) {
      FloatVector a0 = FloatVector.fromArray(F, v, c).mul(vreg);
      for (int b = 0, o = c; b < n; b++, o += n) {
        a0 = FloatVector.fromArray(F, g, o).fma(FloatVector.broadcast(F, alpha0 * v[b]), a0);
      }
      a0.intoArray(out, c);
    }
    for (; c < n; c++) {
      float acc = reg * v[c];
      for (int b = 0; b < n; b++) {
        acc += alpha0 * v[b] * g[b * n + c];
      }
      out[c] = acc;
    }
  }

  @Override
  public void weightedRowSum(float[] m, int[] idx, int from, int to, int n, float[] v,
      float alpha, boolean residual, float[] out, float[] coef) {
    int rows = to - from;
    for (int q = 0; q < rows; q++) {
      float d = dot(m, idx[from + q] * n, v, 0, n);
      coef[q] = residual ? alpha * (1f - d) : alpha * d;
    }
    int len = F.length();
    int c = 0;
    for (; c + 8 * len <= n; c += 8 * len) {
      FloatVector a0 = FloatVector.fromArray(F, out, c);
      FloatVector a1 = FloatVector.fromArray(F, out, c + len);
      FloatVector a2 = FloatVector.fromArray(F, out, c + 2 * len);
      FloatVector a3 = FloatVector.fromArray(F, out, c + 3 * len);
      FloatVector a4 = FloatVector.fromArray(F, out, c + 4 * len);
      FloatVector a5 = FloatVector.fromArray(F, out, c + 5 * len);
      FloatVector a6 = FloatVector.fromArray(F, out, c + 6 * len);
      FloatVector a7 = FloatVector.fromArray(F, out, c + 7 * len);
      for (int q = 0; q < rows; q++) {
        int o = idx[from + q] * n + c;
        FloatVector s = FloatVector.broadcast(F, coef[q]);
        a0 = FloatVector.fromArray(F, m, o).fma(s, a0);
        a1 = FloatVector.fromArray(F, m, o + len).fma(s, a1);
        a2 = FloatVector.fromArray(F, m, o + 2 * len).fma(s, a2);
        a3 = FloatVector.fromArray(F, m, o + 3 * len).fma(s, a3);
        a4 = FloatVector.fromArray(F, m, o + 4 * len).fma(s, a4);
        a5 = FloatVector.fromArray(F, m, o + 5 * len).fma(s, a5);
        a6 = FloatVector.fromArray(F, m, o + 6 * len).fma(s, a6);
        a7 = FloatVector.fromArray(F, m, o + 7 * len).fma(s, a7);
      }
      a0.intoArray(out, c);
      a1.intoArray(out, c + len);
      a2.intoArray(out, c + 2 * len);
      a3.intoArray(out, c + 3 * len);
      a4.intoArray(out, c + 4 * len);
      a5.intoArray(out, c + 5 * len);
      a6.intoArray(out, c + 6 * len);
      a7.intoArray(out, c + 7 * len);
    }
    for (; c + 4 * len <= n; c += 4 * len) {
      FloatVector a0 = FloatVector.fromArray(F, out, c);
      FloatVector a1 = FloatVector.fromArray(F, out, c + len);
      FloatVector a2 = FloatVector.fromArray(F, out, c + 2 * len);
      FloatVector a3 = FloatVector.fromArray(F, out, c + 3 * len);
      for (int q = 0; q < rows; q++) {
        int o = idx[from + q] * n + c;
        FloatVector s = FloatVector.broadcast(F, coef[q]);
        a0 = FloatVector.fromArray(F, m, o).fma(s, a0);
        a1 = FloatVector.fromArray(F, m, o + len).fma(s, a1);
        a2 = FloatVector.fromArray(F, m, o + 2 * len).fma(s, a2);
        a3 = FloatVector.fromArray(F, m, o + 3 * len).fma(s, a3);
      }
      a0.intoArray(out, c);
      a1.intoArray(out, c + len);
      a2.intoArray(out, c + 2 * len);
      a3.intoArray(out, c + 3 * len);
    }
    for (; c + len <= n; c += len) {
      FloatVector a0 = FloatVector.fromArray(F, out, c);
      for (int q = 0; q < rows; q++) {
        a0 = FloatVector.fromArray(F, m, idx[from + q] * n + c)
            .fma(FloatVector.broadcast(F, coef[q]), a0);
      }
      a0.intoArray(out, c);
    }
    for (; c < n; c++) {
      float acc = out[c];
      for (int q = 0; q < rows; q++) {
        acc += coef[q] * m[idx[from + q] * n + c];
      }
      out[c] = acc;
    }
  }

  /*
   * gatherRows keeps 8 (then 4, then 1) vector-wide slices of the output row in registers while
   * running over the neighbour rows, as weightedRowSum does; each element receives the same
   * fused multiply-adds in the same order as zeroing and calling axpy per row, so the bits match.
   */
  @Override
  public void gatherRows(float[] src, int[] idx, float[] w, int from, int to, int n, float[] out,
      int oo) {
    int len = F.length();
    int c = 0;
    for (; c + 8 * len <= n; c += 8 * len) {
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = FloatVector.zero(F);
      FloatVector a2 = FloatVector.zero(F);
      FloatVector a3 = FloatVector.zero(F);
      FloatVector a4 = FloatVector.zero(F);
      FloatVector a5 = FloatVector.zero(F);
      FloatVector a6 = FloatVector.zero(F);
      FloatVector a7 = FloatVector.zero(F);
      for (int q = from; q < to; q++) {
        int o = idx[q] * n + c;
        FloatVector s = FloatVector.broadcast(F, w[q]);
        a0 = FloatVector.fromArray(F, src, o).fma(s, a0);
        a1 = FloatVector.fromArray(F, src, o + len).fma(s, a1);
        a2 = FloatVector.fromArray(F, src, o + 2 * len).fma(s, a2);
        a3 = FloatVector.fromArray(F, src, o + 3 * len).fma(s, a3);
        a4 = FloatVector.fromArray(F, src, o + 4 * len).fma(s, a4);
        a5 = FloatVector.fromArray(F, src, o + 5 * len).fma(s, a5);
        a6 = FloatVector.fromArray(F, src, o + 6 * len).fma(s, a6);
        a7 = FloatVector.fromArray(F, src, o + 7 * len).fma(s, a7);
      }
      a0.intoArray(out, oo + c);
      a1.intoArray(out, oo + c + len);
      a2.intoArray(out, oo + c + 2 * len);
      a3.intoArray(out, oo + c + 3 * len);
      a4.intoArray(out, oo + c + 4 * len);
      a5.intoArray(out, oo + c + 5 * len);
      a6.intoArray(out, oo + c + 6 * len);
      a7.intoArray(out, oo + c + 7 * len);
    }
    for (; c + 4 * len <= n; c += 4 * len) {
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = FloatVector.zero(F);
      FloatVector a2 = FloatVector.zero(F);
      FloatVector a3 = FloatVector.zero(F);
      for (int q = from; q < to; q++) {
        int o = idx[q] * n + c;
        FloatVector s = FloatVector.broadcast(F, w[q]);
        a0 = FloatVector.fromArray(F, src, o).fma(s, a0);
        a1 = FloatVector.fromArray(F, src, o + len).fma(s, a1);
        a2 = FloatVector.fromArray(F, src, o + 2 * len).fma(s, a2);
        a3 = FloatVector.fromArray(F, src, o + 3 * len).fma(s, a3);
      }
      a0.intoArray(out, oo + c);
      a1.intoArray(out, oo + c + len);
      a2.intoArray(out, oo + c + 2 * len);
      a3.intoArray(out, oo + c + 3 * len);
    }
    for (; c + len <= n; c += len) {
      FloatVector a0 = FloatVector.zero(F);
      for (int q = from; q < to; q++) {
        a0 = FloatVector.fromArray(F, src, idx[q] * n + c)
            .fma(FloatVector.broadcast(F, w[q]), a0);
      }
      a0.intoArray(out, oo + c);
    }
    for (; c < n; c++) {
      float acc = 0f;
      for (int q = from; q < to; q++) {
        acc += w[q] * src[idx[q] * n + c];
      }
      out[oo + c] = acc;
    }
  }

  @Override
  public void bprStep(float[] w, int uo, float[] h, int io, int jo, int n, float g, float lr,
      float reg) {
    int len = F.length();
    int c = 0;
    FloatVector vg = FloatVector.broadcast(F, g);
    FloatVector vng = FloatVector.broadcast(F, -g);
    FloatVector vlr = FloatVector.broadcast(F, lr);
    FloatVector vreg = FloatVector.broadcast(F, reg);
    for (; c + len <= n; c += len) {
      FloatVector wu = FloatVector.fromArray(F, w, uo + c);
      FloatVector hi = FloatVector.fromArray(F, h, io + c);
      FloatVector hj = FloatVector.fromArray(F, h, jo + c);
      wu.add(vlr.mul(vg.mul(hi.sub(hj)).sub(vreg.mul(wu)))).intoArray(w, uo + c);
      hi.add(vlr.mul(vg.mul(wu).sub(vreg.mul(hi)))).intoArray(h, io + c);
      hj.add(vlr.mul(vng.mul(wu).sub(vreg.mul(hj)))).intoArray(h, jo + c);
    }
    for (; c < n; c++) {
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
    return "simd-" + F.length() + "x32";
  }
}
