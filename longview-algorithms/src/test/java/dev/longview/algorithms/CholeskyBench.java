package dev.longview.algorithms;

import java.util.SplittableRandom;

/**
 * Times {@link DenseCholesky} on a random SPD matrix of EASE's P1 size (n = 3,123), SIMD and
 * scalar kernels in the same run. Usage: {@code java --add-modules jdk.incubator.vector -cp ...
 * dev.longview.algorithms.CholeskyBench [n]}.
 */
public final class CholeskyBench {
  private CholeskyBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3123;
    SplittableRandom r = new SplittableRandom(1);
    double[] base = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = r.nextDouble(-1, 1);
        base[i * n + j] = v;
        base[j * n + i] = v;
      }
      base[i * n + i] = 2.0 * n;
    }
    for (Kernels k : new Kernels[] {Kernels.best(), Kernels.scalar(), Kernels.best()}) {
      double[] a = base.clone();
      long t0 = System.nanoTime();
      DenseCholesky.factor(a, n, k);
      long t1 = System.nanoTime();
      double[] b = base.clone();
      DenseCholesky.invertSpd(b, n, k);
      long t2 = System.nanoTime();
      System.out.printf("n=%d kernels=%-10s factor %.2f s, full inverse %.2f s%n", n, k.name(),
          (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }
  }
}
