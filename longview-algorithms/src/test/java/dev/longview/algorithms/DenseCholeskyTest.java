package dev.longview.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DenseCholeskyTest {
  static Stream<Arguments> cases() {
    return Stream.of(Arguments.of(1, 1L, Kernels.scalar()), Arguments.of(5, 2L, Kernels.scalar()),
        Arguments.of(37, 3L, Kernels.scalar()), Arguments.of(37, 3L, Kernels.best()),
        Arguments.of(64, 4L, Kernels.best()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void invertSpd_timesTheMatrixIsTheIdentity(int n, long seed, Kernels kernels) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n + 3][n];
    for (double[] row : x) {
      for (int j = 0; j < n; j++) {
        row[j] = r.nextDouble(-1, 1);
      }
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 0.5 : 0;
        for (double[] row : x) {
          s += row[i] * row[j];
        }
        a[i * n + j] = s;
      }
    }
    double[] copy = a.clone();
    double[] inv = DenseCholesky.invertSpd(copy, n, kernels);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += a[i * n + k] * inv[k * n + j];
        }
        assertThat(s).as("(A A^-1)[%d][%d]", i, j).isCloseTo(i == j ? 1 : 0, within(1e-9));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void factor_refusesAMatrixThatIsNotPositiveDefinite(int n, long seed, Kernels kernels) {
    double[] a = new double[n * n];
    a[(n - 1) * n + (n - 1)] = -1;
    for (int i = 0; i < n - 1; i++) {
      a[i * n + i] = 1;
    }
    assertThatThrownBy(() -> DenseCholesky.factor(a, n, kernels))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not positive definite")
        .hasMessageContaining("pivot " + (n - 1));
  }
}
