package dev.longview.algorithms;

/**
 * The dense kernels the factor models and EASE spend their time in: dot products and axpy over
 * slices of flat arrays. Two implementations: {@link SimdKernels} on the JDK Vector API (chosen
 * when the JVM was started with {@code --add-modules jdk.incubator.vector}) and
 * {@link ScalarKernels} otherwise, which logs once how to enable SIMD. Stateless and thread-safe.
 *
 * <p>The SIMD dot product sums in a different order than the scalar one, so the two give results
 * that differ in the last bits; each is deterministic on its own.
 */
interface Kernels {
  float dot(float[] a, int ao, float[] b, int bo, int n);

  double dot(double[] a, int ao, double[] b, int bo, int n);

  /**
   * {@code out[oo + r] = <q[0..n), m[mo + r n ..+n)>} for {@code r < rows}: one query against
   * consecutive rows of a row-major matrix (exact vector search). Several rows at a time share the
   * query's loads and run independent sums; a row's result depends only on its data, not on its
   * position in the block (the same bits as calling this with {@code rows = 1}), though it may
   * differ from {@link #dot} in the last bits.
   */
  void dotRows(float[] q, float[] m, int mo, int rows, int n, float[] out, int oo);

  /** y[yo..yo+n) += alpha * x[xo..xo+n). */
  void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

  /**
   * {@code out[0..n) = reg v + sum_b (alpha0 v[b]) g[b n .. b n + n)}: a symmetric n x n matrix
   * (row-major) times {@code v}, scaled, plus a ridge, summed as a sequence of axpy calls over
   * g's rows in order {@code b = 0, 1, ...} (each implementation gives the same bits as calling
   * its own {@link #axpy} that way).
   */
  void ridgeMatVec(float[] g, float alpha0, float reg, float[] v, float[] out, int n);

  /**
   * For the rows {@code m[idx[q] n ..)}, q in [from, to), in order: {@code d = <m_row, v>},
   * {@code c = residual ? alpha (1 - d) : alpha d}, then {@code out += c m_row} (each
   * implementation gives the same bits as calling its own {@link #dot} and {@link #axpy} per row).
   * {@code coef} is scratch of length at least {@code to - from}.
   */
  void weightedRowSum(float[] m, int[] idx, int from, int to, int n, float[] v, float alpha,
      boolean residual, float[] out, float[] coef);

  /**
   * One BPR-MF stochastic gradient step on the user row {@code w[uo..uo+n)} and the item rows
   * {@code h[io..io+n)} (positive) and {@code h[jo..jo+n)} (negative), all from their old values:
   * {@code w += lr (g (h_i - h_j) - reg w)}, {@code h_i += lr (g w - reg h_i)},
   * {@code h_j += lr (-g w - reg h_j)}. Rows i and j must differ. Both implementations evaluate
   * exactly these expressions per element (no fused multiply-add), so they agree bit for bit.
   */
  void bprStep(float[] w, int uo, float[] h, int io, int jo, int n, float g, float lr, float reg);

  /**
   * {@code out[oo..oo+n) = sum over q in [from, to), in order, of w[q] src[idx[q] n ..+n)}: one row
   * of a sparse matrix (column indices {@code idx}, values {@code w}) times a dense row-major
   * matrix of {@code n} columns, the step of graph propagation (LightGCN). Overwrites {@code out}'s
   * slice (an empty row gives zeros). Each implementation gives the same bits as zeroing the
   * slice and calling its own {@link #axpy} per row in order.
   */
  void gatherRows(float[] src, int[] idx, float[] w, int from, int to, int n, float[] out,
      int oo);

  String name();

  /** The best implementation this JVM supports. */
  static Kernels best() {
    return Holder.BEST;
  }

  static Kernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  /** True when the Vector API module is in the boot layer. */
  static boolean simdAvailable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  final class Holder {
    static final Kernels BEST = choose();

    private Holder() {}

    private static Kernels choose() {
      if (simdAvailable() && !Boolean.getBoolean("longview.noSimd")) {
        try {
          return SimdKernels.create();
        } catch (LinkageError | RuntimeException e) {
          log("Vector API present but unusable (" + e + "); using scalar kernels");
          return ScalarKernels.INSTANCE;
        }
      }
      if (!Boolean.getBoolean("longview.noSimd")) {
        log("SIMD kernels are off: start the JVM with --add-modules jdk.incubator.vector to enable"
            + " them (iALS and EASE run several times faster); using scalar kernels");
      }
      return ScalarKernels.INSTANCE;
    }

    private static void log(String message) {
      System.getLogger("dev.longview.algorithms").log(System.Logger.Level.INFO, message);
    }
  }
}
