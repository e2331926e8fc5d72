package dev.longview.algorithms;

import dev.longview.core.model.Model;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;

/**
 * Implicit alternating least squares: Hu, Koren and Volinsky, "Collaborative filtering for
 * implicit feedback datasets" (ICDM 2008), in the formulation of Rendle, Krichene, Zhang and
 * Koren, "Revisiting the performance of iALS on item recommendation benchmarks" (RecSys 2022,
 * arXiv 2110.14037). On the binary matrix ({@link BinaryMatrix}) it minimises
 *
 * <pre>
 *   sum over observed (u,i) of  alpha (1 - <w_u, h_i>)^2
 * + alpha0 * sum over ALL (u,i) of <w_u, h_i>^2
 * + reg * ( sum_u (|I_u| + alpha0 |I|)^nu |w_u|^2  +  sum_i (|U_i| + alpha0 |U|)^nu |h_i|^2 )
 * </pre>
 *
 * alternating over users and items. Each row's normal equations
 * {@code (alpha0 G + reg_u I + alpha sum h_i h_i^T) w = alpha sum h_i}, with the Gram matrix
 * {@code G = H^T H} computed once per half-step, are solved approximately by {@code cgSteps}
 * steps of conjugate gradient warm-started from the previous value (as in Takacs, Pilaszy and
 * Tikk, RecSys 2011, and the {@code implicit} library): O(|I_u| f) per step instead of the
 * O(|I_u| f^2 + f^3) of an exact solve; each step lowers the objective.
 *
 * <p>Threads: rows are solved by {@code threads} worker threads claiming blocks of rows; a row
 * depends only on the fixed other side, so the model is bit-for-bit the same for any thread count.
 * Initial factors are N(0, initStd / sqrt(f)) from {@code java.util.Random(seed)}. A user or item
 * with no interactions gets a zero vector (scores 0; the shared top-K falls back to index order).
 */
final class ImplicitAlsTrainer implements Trainer {
  private final Map<String, String> params;
  private final long seed;
  final int factors;
  final int iterations;
  final float reg;
  final float alpha0;
  final float nu;
  final float alpha;
  final float initStd;
  final int threads;
  final int cgSteps;
  private final Kernels kernels;

  ImplicitAlsTrainer(Params p, long seed) {
    this(p, seed, Kernels.best());
  }

  ImplicitAlsTrainer(Params p, long seed, Kernels kernels) {
    this.params = p.effective();
    this.seed = seed;
    this.factors = p.integer("factors");
    this.iterations = p.integer("iterations");
    this.reg = (float) p.real("reg");
    this.alpha0 = (float) p.real("alpha0");
    this.nu = (float) p.real("nu");
    this.alpha = (float) p.real("alpha");
    this.initStd = (float) p.real("init_std");
    this.threads = p.integer("threads");
    this.cgSteps = p.integer("cg_steps");
    this.kernels = kernels;
    check(factors >= 1 && factors <= 4096, "factors", factors, "between 1 and 4096");
    check(iterations >= 0, "iterations", iterations, ">= 0");
    check(reg >= 0, "reg", reg, ">= 0");
    check(alpha0 >= 0, "alpha0", alpha0, ">= 0 (the weight of unobserved pairs)");
    check(nu >= 0, "nu", nu, ">= 0");
    check(alpha > 0, "alpha", alpha, "> 0 (the weight of observed pairs)");
    check(initStd >= 0, "init_std", initStd, ">= 0");
    check(threads >= 1, "threads", threads, ">= 1");
    check(cgSteps >= 1, "cg_steps", cgSteps, ">= 1");
  }

  private static void check(boolean ok, String name, double value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("parameter " + name + " of model ials must be " + rule
          + ", got " + value);
    }
  }

  @Override
  public Model train(InteractionSnapshot train) {
    return train(BinaryMatrix.of(train), null);
  }

  /** Trains on {@code x}; {@code lossAfterIteration}, when given, receives the loss above. */
  FactorModel train(BinaryMatrix x, DoubleConsumer lossAfterIteration) {
    int f = factors;
    float[] w = new float[x.users * f];
    float[] h = new float[x.items * f];
    Random random = new Random(seed);
    float scale = (float) (initStd / Math.sqrt(f));
    for (int k = 0; k < w.length; k++) {
      w[k] = (float) random.nextGaussian() * scale;
    }
    for (int k = 0; k < h.length; k++) {
      h[k] = (float) random.nextGaussian() * scale;
    }
    ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "ials-worker");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int it = 0; it < iterations; it++) {
        solveSide(x.users, x.userPtr, x.userItems, h, w, x.items, pool);
        solveSide(x.items, x.itemPtr, x.itemUsers, w, h, x.users, pool);
        if (lossAfterIteration != null) {
          lossAfterIteration.accept(loss(x, w, h));
        }
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return new FactorModel("ials", params, x.users, x.items, f, w, h, new float[0]);
  }

  /** Updates every row of {@code target} given the fixed {@code other} side. */
  void solveSide(int rows, int[] ptr, int[] idx, float[] other, float[] target, int otherCount,
      ExecutorService pool) {
    float[] gram = gram(other, otherCount);
    AtomicInteger next = new AtomicInteger();
    int block = 64;
    Runnable worker = () -> {
      RowSolver solver = new RowSolver(factors, kernels);
      for (int start; (start = next.getAndAdd(block)) < rows; ) {
        int end = Math.min(rows, start + block);
        for (int r = start; r < end; r++) {
          int degree = ptr[r + 1] - ptr[r];
          float rowReg = (float) (reg * Math.pow(degree + (double) alpha0 * otherCount, nu));
          solver.solve(gram, alpha0, rowReg, alpha, other, idx, ptr[r], ptr[r + 1], target,
              r * factors, cgSteps);
        }
      }
    };
    if (pool == null) {
      worker.run();
      return;
    }
    Future<?>[] futures = new Future<?>[threads];
    for (int t = 0; t < threads; t++) {
      futures[t] = pool.submit(worker);
    }
    for (Future<?> fu : futures) {
      try {
        fu.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("iALS training was interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("iALS worker failed: " + e.getCause(), e.getCause());
      }
    }
  }

  /**
   * G = M^T M for the row-major n x f matrix M: rows in order, in blocks of 256 rows summed in
   * float with the SIMD axpy kernel and then added to a double total (fast, and exactly
   * symmetric, which {@link RowSolver} relies on).
   */
  float[] gram(float[] m, int n) {
    int f = factors;
    double[] g = new double[f * f];
    float[] block = new float[f * f];
    for (int r0 = 0; r0 < n; r0 += 256) {
      java.util.Arrays.fill(block, 0f);
      for (int r = r0; r < Math.min(n, r0 + 256); r++) {
        int o = r * f;
        for (int a = 0; a < f; a++) {
          float va = m[o + a];
          if (va != 0f) {
            kernels.axpy(va, m, o, block, a * f, f);
          }
        }
      }
      for (int k = 0; k < block.length; k++) {
        g[k] += block[k];
      }
    }
    float[] out = new float[f * f];
    for (int a = 0; a < f; a++) {
      for (int b = 0; b <= a; b++) {
        // Average the two halves so that G is symmetric bit for bit.
        float v = (float) ((g[a * f + b] + g[b * f + a]) / 2);
        out[a * f + b] = v;
        out[b * f + a] = v;
      }
    }
    return out;
  }

  /** The objective in the class comment, in double. */
  double loss(BinaryMatrix x, float[] w, float[] h) {
    int f = factors;
    double observed = 0;
    for (int u = 0; u < x.users; u++) {
      for (int p = x.userPtr[u]; p < x.userPtr[u + 1]; p++) {
        double pred = 0;
        for (int k = 0; k < f; k++) {
          pred += (double) w[u * f + k] * h[x.userItems[p] * f + k];
        }
        observed += alpha * (1 - pred) * (1 - pred);
      }
    }
    float[] gh = gram(h, x.items);
    double all = 0;
    for (int u = 0; u < x.users; u++) {
      for (int a = 0; a < f; a++) {
        for (int b = 0; b < f; b++) {
          all += (double) w[u * f + a] * gh[a * f + b] * w[u * f + b];
        }
      }
    }
    double regular = 0;
    for (int u = 0; u < x.users; u++) {
      regular += Math.pow(x.userDegree(u) + (double) alpha0 * x.items, nu) * sq(w, u * f, f);
    }
    for (int i = 0; i < x.items; i++) {
      regular += Math.pow(x.itemDegree(i) + (double) alpha0 * x.users, nu) * sq(h, i * f, f);
    }
    return observed + alpha0 * all + reg * regular;
  }

  private static double sq(float[] a, int o, int n) {
    double s = 0;
    for (int k = 0; k < n; k++) {
      s += (double) a[o + k] * a[o + k];
    }
    return s;
  }
}
