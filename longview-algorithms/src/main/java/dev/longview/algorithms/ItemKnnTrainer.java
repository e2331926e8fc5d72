package dev.longview.algorithms;

import dev.longview.core.model.Model;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.Map;

/**
 * Item-based k-nearest-neighbours (Sarwar et al., "Item-based collaborative filtering
 * recommendation algorithms", WWW 2001; the shrunk cosine as in Dacrema et al., "Are we really
 * making much progress?", RecSys 2019): on the binary matrix ({@link BinaryMatrix}),
 * {@code sim(i, j) = |U_i ∩ U_j| / (sqrt(|U_i|) sqrt(|U_j|) + shrink)}; each candidate item
 * {@code j} keeps its {@code k} most similar items N(j), and a user's score for {@code j} sums
 * {@code sim(i, j)} over the user's items {@code i} in N(j) (Sarwar's prediction from the target's
 * neighbourhood; RecBole's ItemKNN does the same). Stored transposed (by source item {@code i}) so
 * that scoring walks the user's items. Deterministic (no randomness; rows computed
 * independently).
 */
final class ItemKnnTrainer implements Trainer {
  private final Map<String, String> params;
  private final int k;
  private final double shrink;

  ItemKnnTrainer(Params p) {
    this.params = p.effective();
    this.k = p.integer("k");
    this.shrink = p.real("shrink");
    if (k < 1) {
      throw new IllegalArgumentException("parameter k of model itemknn must be >= 1, got " + k);
    }
    if (shrink < 0) {
      throw new IllegalArgumentException("parameter shrink of model itemknn must be >= 0, got "
          + shrink);
    }
  }

  @Override
  public Model train(InteractionSnapshot train) {
    BinaryMatrix x = BinaryMatrix.of(train);
    float[] norm = new float[x.items];
    for (int i = 0; i < x.items; i++) {
      norm[i] = (float) Math.sqrt(x.itemDegree(i));
    }
    NeighbourLists nl = NeighbourLists.build(x.items, x.items, k, (i, row) -> {
      for (int p = x.itemPtr[i]; p < x.itemPtr[i + 1]; p++) {
        int u = x.itemUsers[p];
        for (int q = x.userPtr[u]; q < x.userPtr[u + 1]; q++) {
          row[x.userItems[q]] += 1f;
        }
      }
      for (int j = 0; j < x.items; j++) {
        if (row[j] != 0f) {
          row[j] = (float) (row[j] / ((double) norm[i] * norm[j] + shrink));
        }
      }
    });
    NeighbourLists bySource = nl.transposed(x.items);
    return new ItemNeighbourModel("itemknn", params, x.users, x.items, x.userPtr, x.userItems,
        bySource.ptr, bySource.index, bySource.weight);
  }
}
