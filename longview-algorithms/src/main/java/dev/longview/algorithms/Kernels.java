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

  /** y[yo..yo+n) += alpha * x[xo..xo+n). */
  void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

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
