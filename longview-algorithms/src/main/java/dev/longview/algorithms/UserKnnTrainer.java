package dev.longview.algorithms;

import dev.longview.core.model.Model;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.Map;

/**
 * User-based k-nearest-neighbours (Herlocker, Konstan, Borchers and Riedl, "An algorithmic
 * framework for performing collaborative filtering", SIGIR 1999; shrunk cosine as in Dacrema et
 * al., RecSys 2019): on the binary matrix,
 * {@code sim(u, v) = |I_u ∩ I_v| / (sqrt(|I_u|) sqrt(|I_v|) + shrink)}; each user keeps the
 * {@code k} most similar users. Deterministic.
 */
final class UserKnnTrainer implements Trainer {
  private final Map<String, String> params;
  private final int k;
  private final double shrink;

  UserKnnTrainer(Params p) {
    this.params = p.effective();
    this.k = p.integer("k");
    this.shrink = p.real("shrink");
    if (k < 1) {
      throw new IllegalArgumentException("parameter k of model userknn must be >= 1, got " + k);
    }
    if (shrink < 0) {
      throw new IllegalArgumentException("parameter shrink of model userknn must be >= 0, got "
          + shrink);
    }
  }

  @Override
  public Model train(InteractionSnapshot train) {
    BinaryMatrix x = BinaryMatrix.of(train);
    float[] norm = new float[x.users];
    for (int u = 0; u < x.users; u++) {
      norm[u] = (float) Math.sqrt(x.userDegree(u));
    }
    NeighbourLists nl = NeighbourLists.build(x.users, x.users, k, (u, row) -> {
      for (int p = x.userPtr[u]; p < x.userPtr[u + 1]; p++) {
        int i = x.userItems[p];
        for (int q = x.itemPtr[i]; q < x.itemPtr[i + 1]; q++) {
          row[x.itemUsers[q]] += 1f;
        }
      }
      for (int v = 0; v < x.users; v++) {
        if (row[v] != 0f) {
          row[v] = (float) (row[v] / ((double) norm[u] * norm[v] + shrink));
        }
      }
    });
    return new UserNeighbourModel(params, x.users, x.items, x.userPtr, x.userItems, nl.ptr,
        nl.index, nl.weight);
  }
}
