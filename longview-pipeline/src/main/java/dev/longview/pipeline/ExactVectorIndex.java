package dev.longview.pipeline;

import dev.longview.algorithms.VectorMath;
import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.TopK;
import java.util.Arrays;

/**
 * Exact inner-product search: the reference {@link HnswVectorIndex} is measured against, and the
 * index used for small catalogues. Immutable and thread-safe (scratch is per call).
 *
 * <p><b>Norm-ordered scan with a Cauchy-Schwarz stop.</b> The vectors are kept sorted by
 * decreasing norm. A query visits them in that order, {@value #BLOCK} at a time, scoring them with
 * the algorithms' SIMD kernel ({@link VectorMath#dotRows}) into the shared {@link TopK}; since
 * {@code <q, x> <= |q| |x|}, once the top-K is full and {@code |q| |x|} of the next vector (with
 * a margin for float rounding) is below the k-th best score, no later vector can enter and the
 * scan stops. The answer is exactly that of
 * scoring every vector (the top-K's order, score then lower index, does not depend on the visiting
 * order). Factor-model item vectors have a long tail of small norms (rarely seen items), so a
 * query for the best 100 of ml-1m's 3,706 iALS vectors scores only part of them; the large norms
 * come first, so the top-K also fills with good scores early and is rarely reordered.
 */
public final class ExactVectorIndex implements VectorIndex {
  /** Over-estimate of |q| |x| to cover float rounding of the dot product (relative). */
  private static final float BOUND_MARGIN = 1.001f;
  /** Vectors scored per step ({@link VectorMath#dotRows}: four at a time share the query). */
  private static final int BLOCK = 16;

  /** The vectors, row-major, in order of decreasing norm. */
  private final float[] sorted;
  /** {@code order[p]}: the item index of the p-th vector by decreasing norm. */
  private final int[] order;
  /** {@code norms[p]}: the norm of the p-th vector in that order. */
  private final float[] norms;
  private final int n;
  private final int dim;

  /** Indexes {@code vectors} (row-major, {@code n x dim}); keeps a reordered copy. */
  public ExactVectorIndex(float[] vectors, int n, int dim) {
    if ((long) n * dim > vectors.length) {
      throw new IllegalArgumentException(n + " vectors of length " + dim + " need "
          + (long) n * dim + " floats, got " + vectors.length);
    }
    this.n = n;
    this.dim = dim;
    float[] norm = new float[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int d = 0; d < dim; d++) {
        double x = vectors[i * dim + d];
        s += x * x;
      }
      norm[i] = (float) Math.sqrt(s);
    }
    Integer[] byNorm = new Integer[n];
    for (int i = 0; i < n; i++) {
      byNorm[i] = i;
    }
    Arrays.sort(byNorm, (a, b) -> norm[a] != norm[b] ? Float.compare(norm[b], norm[a])
        : Integer.compare(a, b));
    this.order = new int[n];
    this.norms = new float[n];
    this.sorted = new float[n * dim];
    for (int p = 0; p < n; p++) {
      int i = byNorm[p];
      order[p] = i;
      norms[p] = norm[i];
      System.arraycopy(vectors, i * dim, sorted, p * dim, dim);
    }
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
    return scan(query, k, filter, items, scores, null);
  }

  /** How many vectors a search for {@code k} scores before it stops (for benchmarks). */
  int scored(float[] query, int k, ItemFilter filter) {
    int[] scored = new int[1];
    scan(query, k, filter, null, null, scored);
    return scored[0];
  }

  private int scan(float[] query, int k, ItemFilter filter, int[] items, float[] scores,
      int[] scored) {
    if (n == 0 || k < 1) {
      return 0;
    }
    float qNorm = (float) Math.sqrt(VectorMath.dot(query, 0, query, 0, dim)) * BOUND_MARGIN;
    TopK top = new TopK(Math.min(k, n));
    float[] block = new float[BLOCK];
    int p = 0;
    while (p < n) {
      if (top.full() && qNorm * norms[p] < top.threshold()) {
        break; // every later vector is at most this long: none can reach the k-th best score
      }
      int rows = Math.min(BLOCK, n - p);
      VectorMath.dotRows(query, sorted, p * dim, rows, dim, block, 0);
      for (int r = 0; r < rows; r++) {
        int item = order[p + r];
        if (filter == null || !filter.excluded(item)) {
          top.offer(item, block[r]);
        }
      }
      p += rows;
    }
    if (scored != null) {
      scored[0] = p;
    }
    return top.drain(items, scores);
  }
}
