package dev.longview.deep;

import ai.djl.ndarray.NDManager;

/**
 * Where longview-deep meets the DJL engine. The engine is PyTorch (CPU native library from Maven
 * Central; a CUDA device is used when DJL finds one). DJL must never try the network: unless the
 * caller chose otherwise, {@code ai.djl.offline} is set to {@code true} before the engine loads.
 * The first use extracts the native library (about 430 MB) to {@code ~/.djl.ai} (or {@code
 * ENGINE_CACHE_DIR}); later runs reuse it.
 *
 * <p>PyTorch runs one intra-op and one inter-op thread unless {@code ai.djl.pytorch.num_threads}
 * / {@code ai.djl.pytorch.num_interop_threads} say otherwise: the ops here are small, and on a
 * shared 2-core machine OpenMP's barriers made an epoch 6.5x slower with two threads than with
 * one (BENCHMARKS.md, "Sequential models").
 */
final class Torch {
  private Torch() {}

  /** The PyTorch engine, configured as above before its first use. */
  static ai.djl.engine.Engine engine() {
    configure();
    return ai.djl.engine.Engine.getInstance();
  }

  /** A new root manager on the engine's default device (GPU 0 when there is one, else CPU). */
  static NDManager newManager() {
    configure();
    return NDManager.newBaseManager();
  }

  private static void configure() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    for (String threads : new String[] {"ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads"}) {
      if (System.getProperty(threads) == null) {
        System.setProperty(threads, "1");
      }
    }
  }
}
