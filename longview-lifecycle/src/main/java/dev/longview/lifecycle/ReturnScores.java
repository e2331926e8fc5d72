package dev.longview.lifecycle;

/**
 * A return model's output for the lifecycle classifier: the probability that a user (dense
 * index of the {@link ActivityLog}) comes back within the model's horizon, or NaN when the model
 * has no opinion. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ReturnScores {
  ReturnScores NONE = u -> Double.NaN;

  double probabilityOfReturn(int user);
}
