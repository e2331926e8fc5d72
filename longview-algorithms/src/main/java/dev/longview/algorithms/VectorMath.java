package dev.longview.algorithms;

/**
 * The algorithms' dense dot products for callers outside this module (the serving pipeline's exact
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

  /**
   * {@code out[oo + r] = <q[0..n), m[mo + r n ..+n)>} for {@code r < rows}: a query against
   * consecutive rows of a row-major matrix, several rows at a time (each row's result is the same
   * whatever block it falls in; it may differ from {@link #dot} in the last bits).
   */
  public static void dotRows(float[] q, float[] m, int mo, int rows, int n, float[] out, int oo) {
    KERNELS.dotRows(q, m, mo, rows, n, out, oo);
  }
}
