package dev.longview.pipeline;

import dev.longview.core.model.TopK;
import dev.longview.text.TextIndex;
import java.util.Arrays;

/**
 * The items' text vectors in the form text recall scores fastest. TF-IDF vectors of titles and
 * categories are sparse (a handful of non-zero dimensions of 512), so when at most an eighth of
 * the entries are non-zero they are kept twice, sparse: by dimension (postings, so a query or
 * profile touches only the items that share a term with it) and by item (so the cosine of a hit
 * with an anchor costs a few multiply-adds). Dense vectors (a sentence encoder) are scored by
 * {@link TextIndex#scores}. Immutable and thread-safe.
 *
 * <p><b>Text neighbours.</b> Sparse vectors also get, at training, each item's
 * {@value #NEIGHBOURS} nearest items by cosine (cosine above 0, best first, ties by lower index):
 * a user's text recall then sums its anchors' neighbour lists, like item-kNN, instead of scoring a
 * profile against every item through the postings (the genres of ml-1m are shared by most items,
 * so those postings touch most of the catalogue on every request). Building them costs one
 * postings pass per item, {@code sum over dimensions of df^2} multiply-adds in all (about 10^7 on
 * ml-1m, whose genres are shared by hundreds of items each); above {@link #NEIGHBOUR_BUDGET} they
 * are not built and text recall scores through the postings as before; nor for vectors with
 * negative entries (the build marks an item touched by a sum above 0, which needs TF-IDF's
 * non-negative weights).
 */
final class TextVectors {
  /** Text neighbours kept per item. */
  static final int NEIGHBOURS = 100;
  /** The most pair updates ({@code sum df^2}) the neighbour lists may cost to build. */
  static final long NEIGHBOUR_BUDGET = 500_000_000L;

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
  // null when not built (dense vectors, or over the budget)
  private final int[] nbrStart;
  private final int[] nbrItem;
  private final float[] nbrCos;

  private TextVectors(TextIndex index, int[] dimStart, int[] postItem, float[] postValue,
      int[] rowStart, int[] rowDim, float[] rowValue) {
    this(index, dimStart, postItem, postValue, rowStart, rowDim, rowValue, null, null, null);
  }

  private TextVectors(TextIndex index, int[] dimStart, int[] postItem, float[] postValue,
      int[] rowStart, int[] rowDim, float[] rowValue, int[] nbrStart, int[] nbrItem,
      float[] nbrCos) {
    this.nbrStart = nbrStart;
    this.nbrItem = nbrItem;
    this.nbrCos = nbrCos;
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
    boolean negative = false;
    int[] perDim = new int[d];
    for (int i = 0; i < n; i++) {
      float[] v = index.vector(i);
      for (int j = 0; j < d; j++) {
        if (v[j] != 0f) {
          nnz++;
          perDim[j]++;
          negative |= v[j] < 0f;
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
    long pairs = 0;
    for (int j = 0; j < d; j++) {
      pairs += (long) perDim[j] * perDim[j];
    }
    if (pairs > NEIGHBOUR_BUDGET || negative) {
      return new TextVectors(index, dimStart, postItem, postValue, rowStart, rowDim, rowValue);
    }
    // Each item's nearest items: its row against the postings, then the shared TopK.
    int[] nbrStart = new int[n + 1];
    int[] nbrItem = new int[n * Math.min(NEIGHBOURS, Math.max(n - 1, 0))];
    float[] nbrCos = new float[nbrItem.length];
    float[] acc = new float[n];
    int[] touched = new int[n];
    float[] touchedScore = new float[n];
    int k = Math.max(1, Math.min(NEIGHBOURS, n));
    TopK top = new TopK(k);
    int[] best = new int[k];
    float[] bestCos = new float[k];
    int fillAt = 0;
    for (int i = 0; i < n; i++) {
      int count = 0;
      for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
        float v = rowValue[p];
        int j = rowDim[p];
        for (int q = dimStart[j]; q < dimStart[j + 1]; q++) {
          int other = postItem[q];
          if (acc[other] == 0f) {
            touched[count++] = other;
          }
          acc[other] += v * postValue[q];
        }
      }
      int kept = 0;
      for (int t = 0; t < count; t++) {
        int other = touched[t];
        if (other != i && acc[other] > 0f) {
          touched[kept] = other;
          touchedScore[kept++] = acc[other];
        }
        acc[other] = 0f;
      }
      int found = kept == 0 ? 0 : top.select(touchedScore, touched, kept, null, best, bestCos);
      System.arraycopy(best, 0, nbrItem, fillAt, found);
      System.arraycopy(bestCos, 0, nbrCos, fillAt, found);
      fillAt += found;
      nbrStart[i + 1] = fillAt;
    }
    return new TextVectors(index, dimStart, postItem, postValue, rowStart, rowDim, rowValue,
        nbrStart, Arrays.copyOf(nbrItem, fillAt), Arrays.copyOf(nbrCos, fillAt));
  }

  /** Whether each item's text neighbours were precomputed. */
  boolean hasNeighbours() {
    return nbrStart != null;
  }

  int neighbourStart(int item) {
    return nbrStart[item];
  }

  int neighbourEnd(int item) {
    return nbrStart[item + 1];
  }

  /** The {@code p}-th neighbour entry's item ({@code neighbourStart <= p < neighbourEnd}). */
  int neighbourItem(int p) {
    return nbrItem[p];
  }

  /** The {@code p}-th neighbour entry's cosine. */
  float neighbourCosine(int p) {
    return nbrCos[p];
  }

  /**
   * The norm of {@code sum_k weights[k] v(items[k])} (the un-normalised profile of
   * {@link TextIndex#profile}), from the sparse rows.
   */
  float profileNorm(int[] items, float[] weights) {
    float[] p = new float[dim];
    for (int k = 0; k < items.length; k++) {
      for (int q = rowStart[items[k]]; q < rowStart[items[k] + 1]; q++) {
        p[rowDim[q]] += weights[k] * rowValue[q];
      }
    }
    double s = 0;
    for (float x : p) {
      s += (double) x * x;
    }
    return (float) Math.sqrt(s);
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
