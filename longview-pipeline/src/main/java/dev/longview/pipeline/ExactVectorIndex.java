package dev.longview.pipeline;

import dev.longview.algorithms.VectorMath;
import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.TopK;

/**
 * Brute-force inner-product search: every vector's dot product (the algorithms' SIMD kernel,
 * {@link VectorMath}), then the shared {@link TopK}.
 * O(n d) per query. The reference {@link HnswVectorIndex} is measured against, and the index
 * used for small catalogues. Immutable and thread-safe (scratch arrays are per call).
 */
public final class ExactVectorIndex implements VectorIndex {
  private final float[] vectors;
  private final int n;
  private final int dim;

  /** Keeps {@code vectors} (row-major, {@code n x dim}) without copying; do not modify it. */
  public ExactVectorIndex(float[] vectors, int n, int dim) {
    if ((long) n * dim > vectors.length) {
      throw new IllegalArgumentException(n + " vectors of length " + dim + " need "
          + (long) n * dim + " floats, got " + vectors.length);
    }
    this.vectors = vectors;
    this.n = n;
    this.dim = dim;
  }

  @Override
  public int size() {
    return n;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public String kind() {
    return "exact";
  }

  @Override
  public int search(float[] query, int k, ItemFilter filter, int[] items, float[] scores) {
    if (n == 0 || k < 1) {
      return 0;
    }
    float[] all = new float[n];
    for (int i = 0; i < n; i++) {
      all[i] = VectorMath.dot(query, 0, vectors, i * dim, dim);
    }
    return new TopK(Math.min(k, n)).select(all, n, filter, items, scores);
  }
}
