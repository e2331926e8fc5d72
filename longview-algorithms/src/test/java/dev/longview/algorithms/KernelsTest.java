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
}
