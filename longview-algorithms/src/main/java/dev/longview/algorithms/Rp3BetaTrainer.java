package dev.longview.algorithms;

import dev.longview.core.model.Model;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.Map;

/**
 * RP3beta (Paudel, Christoffel, Newell and Bernstein, "Updatable, accurate, diverse, and scalable
 * recommendations for interactive applications", ACM TiiS 2017; tuned baseline in Dacrema et al.,
 * RecSys 2019): a three-step random walk item -> user -> item on the binary matrix, with
 * transition probabilities raised to {@code alpha} and the arrival item's popularity penalised by
 * {@code beta}:
 * {@code W(i, j) = sum over u in U_i of (1/|U_i|)^alpha (1/|I_u|)^alpha / |U_j|^beta}.
 * Each item keeps its {@code k} largest {@code W(i, j)}; scores are the user's binary row times W.
 * Deterministic.
 */
final class Rp3BetaTrainer implements Trainer {
  private final Map<String, String> params;
  private final int k;
  private final double alpha;
  private final double beta;

  Rp3BetaTrainer(Params p) {
    this.params = p.effective();
    this.k = p.integer("k");
    this.alpha = p.real("alpha");
    this.beta = p.real("beta");
    if (k < 1) {
      throw new IllegalArgumentException("parameter k of model rp3beta must be >= 1, got " + k);
    }
    if (alpha <= 0) {
      throw new IllegalArgumentException("parameter alpha of model rp3beta must be > 0, got "
          + alpha);
    }
    if (beta < 0) {
      throw new IllegalArgumentException("parameter beta of model rp3beta must be >= 0, got "
          + beta);
    }
  }

  @Override
  public Model train(InteractionSnapshot train) {
    BinaryMatrix x = BinaryMatrix.of(train);
    float[] userStep = new float[x.users];
    for (int u = 0; u < x.users; u++) {
      userStep[u] = x.userDegree(u) == 0 ? 0f : (float) Math.pow(1.0 / x.userDegree(u), alpha);
    }
    float[] itemStep = new float[x.items];
    float[] arrival = new float[x.items];
    for (int i = 0; i < x.items; i++) {
      int d = x.itemDegree(i);
      itemStep[i] = d == 0 ? 0f : (float) Math.pow(1.0 / d, alpha);
      arrival[i] = d == 0 ? 0f : (float) Math.pow(d, -beta);
    }
    NeighbourLists nl = NeighbourLists.build(x.items, x.items, k, (i, row) -> {
      for (int p = x.itemPtr[i]; p < x.itemPtr[i + 1]; p++) {
        int u = x.itemUsers[p];
        float w = userStep[u];
        for (int q = x.userPtr[u]; q < x.userPtr[u + 1]; q++) {
          row[x.userItems[q]] += w;
        }
      }
      float first = itemStep[i];
      for (int j = 0; j < x.items; j++) {
        if (row[j] != 0f) {
          row[j] = row[j] * first * arrival[j];
        }
      }
    });
    return new ItemNeighbourModel("rp3beta", params, x.users, x.items, x.userPtr, x.userItems,
        nl.ptr, nl.index, nl.weight);
  }
}
