package dev.longview.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearSystemsTest {
  @Test
  void solvesASystemThatNeedsPivoting() {
    // x = 1, y = 2, z = 3; the first pivot is 0, so rows must be swapped.
    double[][] a = {{0, 2, 1}, {1, 1, 1}, {2, 0, 3}};
    double[] x = LinearSystems.solve(a, new double[] {7, 6, 11});
    assertThat(x[0]).isCloseTo(1, within(1e-12));
    assertThat(x[1]).isCloseTo(2, within(1e-12));
    assertThat(x[2]).isCloseTo(3, within(1e-12));
  }

  @Test
  void aSingularSystemGivesFiniteValues() {
    double[][] a = {{1, 1}, {1, 1}};
    double[] x = LinearSystems.solve(a, new double[] {2, 2});
    assertThat(Double.isFinite(x[0]) && Double.isFinite(x[1])).isTrue();
    assertThat(x[0] + x[1]).isCloseTo(2, within(1e-12));
  }
}
