package dev.longview.core.model;

import dev.longview.core.snapshot.InteractionSnapshot;

/**
 * Builds an immutable {@link Model} from training interactions. A trainer holds its
 * hyperparameters and seed: the same trainer on the same snapshot gives the same model (bit for bit
 * where practical). Training reads the snapshot's CSR/CSC arrays and never its external ids.
 */
@FunctionalInterface
public interface Trainer {
  Model train(InteractionSnapshot train);
}
