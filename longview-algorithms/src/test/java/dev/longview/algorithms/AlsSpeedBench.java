package dev.longview.algorithms;

import java.nio.file.Path;
import java.util.Map;

/**
 * Seconds per iALS iteration (both half-steps) on the P1 training set, SIMD and scalar kernels in
 * the same run, at the factor counts given (default 64 and 128). One warm-up training of 6
 * iterations per configuration (2 were too few: the JIT was still compiling the Vector API
 * kernels, which inflated the first configuration's CPU-seconds), then 10 timed iterations;
 * prints wall seconds and process
 * CPU-seconds (less sensitive to other work on a shared machine). Usage:
 * {@code java --add-modules jdk.incubator.vector -cp ... dev.longview.algorithms.AlsSpeedBench [threads [cg_steps]]}.
 */
public final class AlsSpeedBench {
  private AlsSpeedBench() {}

  public static void main(String[] args) throws Exception {
    String threads = args.length > 0 ? args[0] : "2";
    String cgSteps = args.length > 1 ? args[1] : Algorithms.defaults("ials").get("cg_steps");
    Path ratings = SharedData.find("ml-1m/ratings_no_timestamp.dat").orElseThrow();
    P1Split split = P1Split.load(ratings, 42);
    BinaryMatrix x = BinaryMatrix.of(split.snapshot(split.train));
    System.out.printf("P1 train: %d users, %d items, %d interactions; threads %s; cg_steps %s;"
        + " %d cores%n", x.users, x.items, x.nnz(), threads, cgSteps,
        Runtime.getRuntime().availableProcessors());
    for (String factors : new String[] {"64", "128"}) {
      for (Kernels k : new Kernels[] {Kernels.best(), Kernels.scalar()}) {
        Map<String, String> p = new java.util.HashMap<>(Algorithms.defaults("ials"));
        p.put("factors", factors);
        p.put("threads", threads);
        p.put("cg_steps", cgSteps);
        p.put("iterations", "6");
        new ImplicitAlsTrainer(new Params("ials", p, Algorithms.defaults("ials")), 1, k)
            .train(x, null);
        p.put("iterations", "10");
        var os = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        new ImplicitAlsTrainer(new Params("ials", p, Algorithms.defaults("ials")), 1, k)
            .train(x, null);
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - c0) / 1e9;
        System.out.printf("factors %s kernels %-10s %.3f s per iteration, %.3f CPU-s per"
            + " iteration (10 iterations %.2f s wall)%n", factors, k.name(), s / 10, cpu / 10, s);
      }
    }
  }
}
