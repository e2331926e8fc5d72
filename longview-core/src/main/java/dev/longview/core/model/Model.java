package dev.longview.core.model;

/**
 * A trained recommendation model: scores every item for a user, by dense indices of the snapshot
 * it was trained on. Immutable and thread-safe once built; per-call state lives in the caller's
 * arrays. Algorithms supply scores only: selecting the top items and filtering seen or forbidden
 * ones is done once, by {@link TopK} and {@link ItemFilter}, for every algorithm.
 */
public interface Model {
  /** Users the model knows (dense indices {@code 0..userCount()-1}). */
  int userCount();

  /** Items the model scores (dense indices {@code 0..itemCount()-1}). */
  int itemCount();

  /**
   * Writes the score of every item for {@code user} into {@code scores} (length at least
   * {@link #itemCount()}); higher is better. Scores of different users need not be comparable.
   */
  void score(int user, float[] scores);
}
