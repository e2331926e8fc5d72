package dev.longview.algorithms;

import dev.longview.core.model.Model;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.Map;

/**
 * EASE, "Embarrassingly Shallow Autoencoders for Sparse Data" (Steck, WWW 2019): the closed form
 * {@code P = (X^T X + lambda I)^-1}, {@code B = I - P diag(1 / diag(P))}, i.e.
 * {@code B[i][j] = -P[i][j] / P[j][j]} off the diagonal and 0 on it, on the binary matrix X.
 * Dense: the Gram matrix and its inverse take {@code 8 n^2} bytes each for n items, so catalogues
 * above {@value #MAX_ITEMS} items are refused. The inverse comes from {@link DenseCholesky}.
 * Deterministic (no randomness; the parallel steps write disjoint rows).
 */
final class EaseTrainer implements Trainer {
  static final int MAX_ITEMS = 40_000;
  private final Map<String, String> params;
  private final double lambda;

  EaseTrainer(Params p) {
    this.params = p.effective();
    this.lambda = p.real("lambda");
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("parameter lambda of model ease must be > 0 (it makes"
          + " X^T X + lambda I invertible), got " + lambda);
    }
  }

  @Override
  public Model train(InteractionSnapshot train) {
    int n = train.itemCount();
    if (n > MAX_ITEMS) {
      throw new IllegalArgumentException("ease needs dense " + n + " x " + n + " matrices ("
          + String.format("%.1f", 3.0 * 8 * n * (double) n / (1L << 30)) + " GiB) for " + n
          + " items; it accepts at most " + MAX_ITEMS + " items: filter the catalogue (e.g. drop"
          + " rare items) or use ials, itemknn or rp3beta");
    }
    BinaryMatrix x = BinaryMatrix.of(train);
    double[] gram = new double[n * n];
    java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
      int row = i * n;
      for (int p = x.itemPtr[i]; p < x.itemPtr[i + 1]; p++) {
        int u = x.itemUsers[p];
        for (int q = x.userPtr[u]; q < x.userPtr[u + 1]; q++) {
          int j = x.userItems[q];
          if (j > i) {
            break;
          }
          gram[row + j] += 1.0;
        }
      }
      gram[row + i] += lambda;
    });
    double[] inverse = DenseCholesky.invertSpd(gram, n, Kernels.best());
    float[] b = new float[n * n];
    java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
      for (int j = 0; j < n; j++) {
        b[i * n + j] = i == j ? 0f : (float) (-inverse[i * n + j] / inverse[j * n + j]);
      }
    });
    return new EaseModel(params, x.users, n, x.userPtr, x.userItems, b);
  }
}
