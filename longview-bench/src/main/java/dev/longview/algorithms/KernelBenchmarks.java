package dev.longview.algorithms;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.TopK;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernels behind the models, SIMD (Vector API) against the scalar fallback in the same run:
 * dot products, the shared top-K over a catalogue of 3,700 items (ml-1m's size), and one iALS row
 * update (conjugate gradient, 3 steps, a user with 110 items: P1's mean) at 64 and 128 factors.
 * In package dev.longview.algorithms to reach the package-private kernels.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmarks {

  /** Dot product of two float vectors. */
  @State(Scope.Thread)
  public static class Dot {
    @Param({"64", "128", "3123"})
    public int n;

    @Param({"simd", "scalar"})
    public String kernels;

    Kernels k;
    float[] a;
    float[] b;

    @Setup
    public void setup() {
      k = kernels.equals("simd") ? Kernels.best() : Kernels.scalar();
      if (kernels.equals("simd") && !k.name().startsWith("simd")) {
        throw new IllegalStateException("run with --add-modules jdk.incubator.vector");
      }
      SplittableRandom r = new SplittableRandom(1);
      a = new float[n];
      b = new float[n];
      for (int i = 0; i < n; i++) {
        a[i] = (float) r.nextDouble(-1, 1);
        b[i] = (float) r.nextDouble(-1, 1);
      }
    }
  }

  @Benchmark
  public float dot(Dot s) {
    return s.k.dot(s.a, 0, s.b, 0, s.n);
  }

  /** Top 10 of 3,700 random scores, with 100 items filtered out. */
  @State(Scope.Thread)
  public static class Top {
    final float[] scores = new float[3700];
    final TopK top = new TopK(10);
    final ItemFilter filter = new ItemFilter(3700);
    final int[] items = new int[10];

    @Setup
    public void setup() {
      SplittableRandom r = new SplittableRandom(2);
      for (int i = 0; i < scores.length; i++) {
        scores[i] = (float) r.nextDouble();
      }
      for (int k = 0; k < 100; k++) {
        filter.exclude(r.nextInt(3700));
      }
    }
  }

  @Benchmark
  public int topK(Top s) {
    return s.top.select(s.scores, s.scores.length, s.filter, s.items, null);
  }

  /** One iALS user update: CG on a user with 110 items among 3,123. */
  @State(Scope.Thread)
  public static class Solve {
    @Param({"64", "128"})
    public int factors;

    @Param({"simd", "scalar"})
    public String kernels;

    RowSolver solver;
    float[] gram;
    float[] items;
    int[] history;
    float[] target;
    float[] start;

    @Setup
    public void setup() {
      Kernels k = kernels.equals("simd") ? Kernels.best() : Kernels.scalar();
      SplittableRandom r = new SplittableRandom(3);
      int n = 3123;
      items = new float[n * factors];
      for (int i = 0; i < items.length; i++) {
        items[i] = (float) (r.nextGaussian() * 0.1);
      }
      ImplicitAlsTrainer t = (ImplicitAlsTrainer) Algorithms.trainer("ials",
          java.util.Map.of("factors", Integer.toString(factors)), 1);
      gram = t.gram(items, n);
      history = r.ints(110, 0, n).sorted().toArray();
      start = new float[factors];
      for (int c = 0; c < factors; c++) {
        start[c] = (float) (r.nextGaussian() * 0.1);
      }
      target = start.clone();
      solver = new RowSolver(factors, k);
    }
  }

  @Benchmark
  public float alsUserSolve(Solve s) {
    System.arraycopy(s.start, 0, s.target, 0, s.factors);
    s.solver.solve(s.gram, 0.3f, 0.01f * 1000, 1f, s.items, s.history, 0, s.history.length,
        s.target, 0, 3);
    return s.target[0];
  }
}
