package dev.longview.pipeline;

import dev.longview.core.model.SequenceModel;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.Arrays;
import java.util.List;

/**
 * A trained sequential model for {@link SequenceRecall}, with the external id of each of its item
 * indices (a model bundle's {@code items.txt}). It is trained apart from the serving chain
 * ({@code ./longview train --model sasrec}) and loaded at start-up; {@link ModelSet#train} maps its
 * items to each new snapshot's by id, so it keeps serving across retrainings: items the model
 * does not know are never recalled by it, and items it knows that the snapshot lacks are skipped.
 *
 * @param description what was loaded, for logs ("sasrec v3 (...)")
 * @param model the model (core interface; the pipeline does not depend on its engine)
 * @param itemIds external id of model item index k at position k; as many as the model's items
 */
public record SequenceSource(String description, SequenceModel model, List<String> itemIds) {
  public SequenceSource {
    if (model == null || itemIds == null) {
      throw new IllegalArgumentException("a sequence source needs a model and its item ids");
    }
    itemIds = List.copyOf(itemIds);
    if (itemIds.size() != model.itemCount()) {
      throw new IllegalArgumentException("the sequential model knows " + model.itemCount()
          + " items but " + itemIds.size() + " item ids were given");
    }
  }

  /** This source's items matched to {@code snapshot}'s by external id. */
  Mapped mapTo(InteractionSnapshot snapshot) {
    int[] toSnapshot = new int[itemIds.size()];
    int[] toModel = new int[snapshot.itemCount()];
    Arrays.fill(toModel, -1);
    int matched = 0;
    for (int k = 0; k < toSnapshot.length; k++) {
      int i = snapshot.itemIndex(itemIds.get(k));
      toSnapshot[k] = i;
      if (i >= 0) {
        toModel[i] = k;
        matched++;
      }
    }
    return new Mapped(this, toSnapshot, toModel, matched);
  }

  /**
   * A source matched to one snapshot.
   *
   * @param toSnapshot snapshot item index of each model item index, or -1
   * @param toModel model item index of each snapshot item index, or -1
   * @param matched how many items both know
   */
  record Mapped(SequenceSource source, int[] toSnapshot, int[] toModel, int matched) {}
}
