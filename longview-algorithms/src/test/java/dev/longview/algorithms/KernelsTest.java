package dev.longview.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelsTest {
  @Test
  void best_usesTheVectorApiWhenTheModuleIsEnabled() {
    // surefire runs this module with --add-modules jdk.incubator.vector
    assertThat(Kernels.simdAvailable()).isTrue();
    assertThat(Kernels.best().name()).startsWith("simd");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 15, 16, 17, 63, 64, 65, 128, 1000})
  void simdAndScalar_agreeOnDotAndAxpyForEveryLengthAndOffset(int n) {
    SplittableRandom r = new SplittableRandom(n);
    float[] a = new float[n + 3];
    float[] b = new float[n + 5];
    double[] da = new double[n + 3];
    double[] db = new double[n + 5];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextDouble(-1, 1);
      da[i] = a[i];
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) r.nextDouble(-1, 1);
      db[i] = b[i];
    }
    Kernels simd = Kernels.best();
    Kernels scalar = Kernels.scalar();
    double exact = 0;
    for (int i = 0; i < n; i++) {
      exact += (double) a[3 + i] * b[5 + i];
    }
    assertThat((double) simd.dot(a, 3, b, 5, n)).isCloseTo(exact, within(1e-4));
    assertThat((double) scalar.dot(a, 3, b, 5, n)).isCloseTo(exact, within(1e-4));
    assertThat(simd.dot(da, 3, db, 5, n)).isCloseTo(exact, within(1e-12));
    assertThat(scalar.dot(da, 3, db, 5, n)).isCloseTo(exact, within(1e-12));
    float[] y1 = b.clone();
    float[] y2 = b.clone();
    simd.axpy(0.5f, a, 3, y1, 5, n);
    scalar.axpy(0.5f, a, 3, y2, 5, n);
    for (int i = 0; i < y1.length; i++) {
      assertThat(y1[i]).isCloseTo(y2[i], within(1e-6f));
    }
    assertThat(y1[0]).isEqualTo(b[0]);
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> kernelsAndLengths() {
    java.util.List<org.junit.jupiter.params.provider.Arguments> out = new java.util.ArrayList<>();
    for (Kernels k : new Kernels[] {Kernels.best(), Kernels.scalar()}) {
      for (int n : new int[] {1, 5, 8, 12, 31, 32, 37, 64, 100, 128}) {
        out.add(org.junit.jupiter.params.provider.Arguments.of(k.name(), n));
      }
    }
    return out.stream();
  }

  private static Kernels named(String name) {
    return Kernels.best().name().equals(name) ? Kernels.best() : Kernels.scalar();
  }

  private static float[] randoms(SplittableRandom r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextDouble(-1, 1);
    }
    return a;
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("kernelsAndLengths")
  void ridgeMatVec_givesTheBitsOfItsAxpySequence(String kernels, int n) {
    Kernels k = named(kernels);
    SplittableRandom r = new SplittableRandom(n);
    float[] g = randoms(r, n * n);
    float[] v = randoms(r, n);
    float[] expected = new float[n];
    for (int a = 0; a < n; a++) {
      expected[a] = 0.03f * v[a];
    }
    for (int b = 0; b < n; b++) {
      k.axpy(0.7f * v[b], g, b * n, expected, 0, n);
    }
    float[] out = randoms(r, n); // overwritten, not added to
    k.ridgeMatVec(g, 0.7f, 0.03f, v, out, n);
    assertThat(out).isEqualTo(expected);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("kernelsAndLengths")
  void weightedRowSum_givesTheBitsOfItsDotAndAxpyCalls(String kernels, int n) {
    Kernels k = named(kernels);
    SplittableRandom r = new SplittableRandom(31L * n);
    int rows = 40;
    float[] m = randoms(r, rows * n);
    int[] idx = {3, 17, 0, 39, 5, 22, 8, 11, 30};
    float[] v = randoms(r, n);
    for (boolean residual : new boolean[] {true, false}) {
      float[] expected = randoms(new SplittableRandom(n), n);
      float[] out = expected.clone();
      for (int q = 1; q < 8; q++) {
        float d = k.dot(m, idx[q] * n, v, 0, n);
        k.axpy(residual ? 1.5f * (1f - d) : 1.5f * d, m, idx[q] * n, expected, 0, n);
      }
      k.weightedRowSum(m, idx, 1, 8, n, v, 1.5f, residual, out, new float[7]);
      assertThat(out).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("kernelsAndLengths")
  void gatherRows_givesTheBitsOfZeroingAndItsAxpyCalls(String kernels, int n) {
    Kernels k = named(kernels);
    SplittableRandom r = new SplittableRandom(17L * n);
    float[] src = randoms(r, 40 * n);
    int[] idx = {3, 17, 0, 39, 5, 22, 8, 11, 30};
    float[] w = randoms(r, idx.length);
    float[] expected = randoms(r, 3 * n);
    float[] out = expected.clone();
    java.util.Arrays.fill(expected, n, 2 * n, 0f);
    for (int q = 1; q < 8; q++) {
      k.axpy(w[q], src, idx[q] * n, expected, n, n);
    }
    k.gatherRows(src, idx, w, 1, 8, n, out, n);
    assertThat(out).isEqualTo(expected); // the rows before and after the slice are untouched
    k.gatherRows(src, idx, w, 4, 4, n, out, n);
    assertThat(java.util.Arrays.copyOfRange(out, n, 2 * n)).containsOnly(0f);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("kernelsAndLengths")
  void bprStep_updatesTheThreeRowsFromTheirOldValues(String kernels, int n) {
    Kernels k = named(kernels);
    SplittableRandom r = new SplittableRandom(7L * n);
    float[] w = randoms(r, 2 * n);
    float[] h = randoms(r, 3 * n);
    float[] w2 = w.clone();
    float[] h2 = h.clone();
    k.bprStep(w2, n, h2, 2 * n, 0, n, 0.3f, 0.05f, 0.01f);
    for (int c = 0; c < n; c++) {
      float wu = w[n + c];
      float hi = h[2 * n + c];
      float hj = h[c];
      assertThat(w2[n + c]).isEqualTo(wu + 0.05f * (0.3f * (hi - hj) - 0.01f * wu));
      assertThat(h2[2 * n + c]).isEqualTo(hi + 0.05f * (0.3f * wu - 0.01f * hi));
      assertThat(h2[c]).isEqualTo(hj + 0.05f * (-0.3f * wu - 0.01f * hj));
      assertThat(h2[n + c]).isEqualTo(h[n + c]);
      assertThat(w2[c]).isEqualTo(w[c]);
    }
  }

  /**
   * dotRows: close to the exact sums for every length, and each row's value the same bits whether
   * it is scored in a block of four or alone (SIMD and scalar).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 16, 17, 64, 128, 131})
  void dotRows_matchesExactSums_andDoesNotDependOnTheBlock(int n) {
    SplittableRandom r = new SplittableRandom(n);
    int rows = 11;
    float[] q = new float[n];
    float[] m = new float[2 + rows * n];
    for (int i = 0; i < n; i++) {
      q[i] = (float) r.nextDouble(-1, 1);
    }
    for (int i = 0; i < m.length; i++) {
      m[i] = (float) r.nextDouble(-1, 1);
    }
    for (Kernels k : new Kernels[] {Kernels.best(), Kernels.scalar()}) {
      float[] all = new float[rows + 1];
      k.dotRows(q, m, 2, rows, n, all, 1);
      for (int row = 0; row < rows; row++) {
        double exact = 0;
        for (int i = 0; i < n; i++) {
          exact += (double) q[i] * m[2 + row * n + i];
        }
        assertThat((double) all[1 + row]).isCloseTo(exact, within(1e-4));
        float[] one = new float[1];
        k.dotRows(q, m, 2 + row * n, 1, n, one, 0);
        assertThat(one[0]).isEqualTo(all[1 + row]);
      }
    }
  }
}
