package dev.longview.deep;

import ai.djl.ndarray.NDManager;

/**
 * Where longview-deep meets the DJL engine. The engine is PyTorch (CPU native library from Maven
 * Central; a CUDA device is used when DJL finds one). DJL must never try the network: unless the
 * caller chose otherwise, {@code ai.djl.offline} is set to {@code true} before the engine loads.
 * The first use extracts the native library (about 430 MB) to {@code ~/.djl.ai} (or {@code
 * ENGINE_CACHE_DIR}); later runs reuse it.
 */
final class Torch {
  private Torch() {}

  /** A new root manager on the engine's default device (GPU 0 when there is one, else CPU). */
  static NDManager newManager() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    return NDManager.newBaseManager();
  }
}
