package dev.longview.algorithms;

/**
 * The algorithms' dense dot product for callers outside this module (the serving pipeline's exact
 * vector search): the Vector API kernel when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, else the scalar one. Stateless and thread-safe.
 */
public final class VectorMath {
  private static final Kernels KERNELS = Kernels.best();

  private VectorMath() {}

  /** {@code sum a[ao + k] * b[bo + k]} for {@code k < n}. */
  public static float dot(float[] a, int ao, float[] b, int bo, int n) {
    return KERNELS.dot(a, ao, b, bo, n);
  }
}
