package dev.longview.pipeline;

import dev.longview.text.TextIndex;
import java.util.Arrays;

/**
 * The items' text vectors in the form text recall scores fastest. TF-IDF vectors of titles and
 * categories are sparse (a handful of non-zero dimensions of 512), so when at most an eighth of
 * the entries are non-zero they are kept twice, sparse: by dimension (postings, so a query or
 * profile touches only the items that share a term with it) and by item (so the cosine of a hit
 * with an anchor costs a few multiply-adds). Dense vectors (a sentence encoder) are scored by
 * {@link TextIndex#scores}. Immutable and thread-safe.
 */
final class TextVectors {
  final TextIndex index;
  private final int items;
  private final int dim;
  // null when dense
  private final int[] dimStart;
  private final int[] postItem;
  private final float[] postValue;
  private final int[] rowStart;
  private final int[] rowDim;
  private final float[] rowValue;

  private TextVectors(TextIndex index, int[] dimStart, int[] postItem, float[] postValue,
      int[] rowStart, int[] rowDim, float[] rowValue) {
    this.index = index;
    this.items = index.size();
    this.dim = index.dimension();
    this.dimStart = dimStart;
    this.postItem = postItem;
    this.postValue = postValue;
    this.rowStart = rowStart;
    this.rowDim = rowDim;
    this.rowValue = rowValue;
  }

  static TextVectors of(TextIndex index) {
    int n = index.size();
    int d = index.dimension();
    long nnz = 0;
    int[] perDim = new int[d];
    for (int i = 0; i < n; i++) {
      float[] v = index.vector(i);
      for (int j = 0; j < d; j++) {
        if (v[j] != 0f) {
          nnz++;
          perDim[j]++;
        }
      }
    }
    if (nnz * 8 > (long) n * d) {
      return new TextVectors(index, null, null, null, null, null, null);
    }
    int[] dimStart = new int[d + 1];
    for (int j = 0; j < d; j++) {
      dimStart[j + 1] = dimStart[j] + perDim[j];
    }
    int[] fill = Arrays.copyOf(dimStart, d);
    int[] postItem = new int[(int) nnz];
    float[] postValue = new float[(int) nnz];
    int[] rowStart = new int[n + 1];
    int[] rowDim = new int[(int) nnz];
    float[] rowValue = new float[(int) nnz];
    int r = 0;
    for (int i = 0; i < n; i++) {
      float[] v = index.vector(i);
      for (int j = 0; j < d; j++) {
        if (v[j] != 0f) {
          postItem[fill[j]] = i;
          postValue[fill[j]++] = v[j];
          rowDim[r] = j;
          rowValue[r++] = v[j];
        }
      }
      rowStart[i + 1] = r;
    }
    return new TextVectors(index, dimStart, postItem, postValue, rowStart, rowDim, rowValue);
  }

  boolean sparse() {
    return dimStart != null;
  }

  int size() {
    return items;
  }

  /** Writes the cosine of {@code query} with every item into {@code scores[0..size())}. */
  void scores(float[] query, float[] scores) {
    if (dimStart == null) {
      index.scores(query, scores);
      return;
    }
    Arrays.fill(scores, 0, items, 0f);
    for (int j = 0; j < dim; j++) {
      float q = query[j];
      if (q == 0f) {
        continue;
      }
      for (int p = dimStart[j]; p < dimStart[j + 1]; p++) {
        scores[postItem[p]] += q * postValue[p];
      }
    }
  }

  /** The cosine of item {@code item} with a dense vector {@code v}. */
  float dot(int item, float[] v) {
    if (rowStart == null) {
      float[] x = index.vector(item);
      float s = 0;
      for (int j = 0; j < dim; j++) {
        s += x[j] * v[j];
      }
      return s;
    }
    float s = 0;
    for (int p = rowStart[item]; p < rowStart[item + 1]; p++) {
      s += rowValue[p] * v[rowDim[p]];
    }
    return s;
  }
}
