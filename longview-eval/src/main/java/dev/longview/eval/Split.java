package dev.longview.eval;

import dev.longview.core.snapshot.InteractionSnapshot;

/**
 * One split of a {@link Dataset}: a training snapshot with every user and item of the dataset but
 * only the training interactions, and the validation and test items per user, all in the same dense
 * index space. Train on {@link #train()}, tune on {@link #valid()} (excluding training items), report
 * {@link #test()} (excluding training and validation items).
 *
 * @param train training interactions (weights and times kept)
 * @param valid validation items per user
 * @param test test items per user
 * @param seed the seed the split was drawn with
 */
public record Split(InteractionSnapshot train, HeldOut valid, HeldOut test, long seed) {
  public Split {
    if (train.userCount() != valid.userCount() || train.userCount() != test.userCount()
        || train.itemCount() != valid.itemCount() || train.itemCount() != test.itemCount()) {
      throw new IllegalArgumentException("train (" + train.userCount() + " x " + train.itemCount()
          + "), valid and test must share one index space");
    }
  }

  static Split of(Dataset data, byte[] roles, long seed) {
    return new Split(data.snapshotOf(roles, Splitter.TRAIN), data.heldOutOf(roles, Splitter.VALID),
        data.heldOutOf(roles, Splitter.TEST), seed);
  }
}
