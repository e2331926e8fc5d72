package dev.longview.algorithms;

import dev.longview.core.model.Model;

/**
 * Read access to a trained item-to-item model (item-kNN, RP3beta) for serving: for a source item
 * {@code i}, the items {@code j} whose neighbourhood contains {@code i}, with the weight
 * {@code w(i, j)} that {@code i} adds to {@code j}'s score. "Because you liked i, here is j" is
 * exactly this list. Immutable and thread-safe.
 */
public interface ItemNeighbours extends Model {
  /** How many items {@code i} contributes to. */
  int neighbourCount(int item);

  /** The {@code k}-th item {@code item} contributes to ({@code 0 <= k < neighbourCount}). */
  int neighbour(int item, int k);

  /** The weight of that contribution. */
  float neighbourWeight(int item, int k);
}
