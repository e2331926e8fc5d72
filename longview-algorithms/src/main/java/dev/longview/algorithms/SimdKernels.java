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

  @Override
  public String name() {
    return "simd-" + F.length() + "x32";
  }
}
