package dev.longview.algorithms;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.TopK;
import java.util.stream.IntStream;

/**
 * Builds sparse top-k neighbour lists row by row: a caller fills a dense row of weights, and the
 * shared {@link TopK} keeps the {@code k} largest positive ones (ties by lower index), the row's
 * own index excluded. Rows are independent, so they are computed in parallel and the result does
 * not depend on the thread count.
 */
final class NeighbourLists {
  /** Fills {@code row} (zeroed, length n) with the weights of row {@code r}. */
  interface RowFiller {
    void fill(int r, float[] row);
  }

  final int[] ptr;
  final int[] index;
  final float[] weight;

  private NeighbourLists(int[] ptr, int[] index, float[] weight) {
    this.ptr = ptr;
    this.index = index;
    this.weight = weight;
  }

  /**
   * The same weights listed by column: row {@code c} of the result holds every {@code (r, w)}
   * with {@code c} in row {@code r} here, rows in increasing {@code r}.
   */
  NeighbourLists transposed(int columns) {
    int[] tptr = new int[columns + 1];
    for (int c : index) {
      tptr[c + 1]++;
    }
    for (int c = 0; c < columns; c++) {
      tptr[c + 1] += tptr[c];
    }
    int[] fill = java.util.Arrays.copyOf(tptr, columns);
    int[] tindex = new int[index.length];
    float[] tweight = new float[index.length];
    for (int r = 0; r + 1 < ptr.length; r++) {
      for (int p = ptr[r]; p < ptr[r + 1]; p++) {
        int slot = fill[index[p]]++;
        tindex[slot] = r;
        tweight[slot] = weight[p];
      }
    }
    return new NeighbourLists(tptr, tindex, tweight);
  }

  static NeighbourLists build(int rows, int n, int k, RowFiller filler) {
    int keep = Math.max(1, Math.min(k, n));
    int[][] idx = new int[rows][];
    float[][] w = new float[rows][];
    ThreadLocal<float[]> rowBuf = ThreadLocal.withInitial(() -> new float[n]);
    ThreadLocal<TopK> topBuf = ThreadLocal.withInitial(() -> new TopK(keep));
    IntStream.range(0, rows).parallel().forEach(r -> {
      float[] row = rowBuf.get();
      java.util.Arrays.fill(row, 0f);
      filler.fill(r, row);
      if (r < n) {
        row[r] = 0f;
      }
      int[] items = new int[keep];
      float[] scores = new float[keep];
      int found = topBuf.get().select(row, n, (ItemFilter) null, items, scores);
      int positive = 0;
      while (positive < found && scores[positive] > 0f) {
        positive++;
      }
      idx[r] = java.util.Arrays.copyOf(items, positive);
      w[r] = java.util.Arrays.copyOf(scores, positive);
    });
    int[] ptr = new int[rows + 1];
    for (int r = 0; r < rows; r++) {
      ptr[r + 1] = ptr[r] + idx[r].length;
    }
    int[] index = new int[ptr[rows]];
    float[] weight = new float[ptr[rows]];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(idx[r], 0, index, ptr[r], idx[r].length);
      System.arraycopy(w[r], 0, weight, ptr[r], w[r].length);
    }
    return new NeighbourLists(ptr, index, weight);
  }
}
