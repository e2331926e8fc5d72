package dev.longview.algorithms;

import dev.longview.core.model.Model;

/**
 * Read access to a trained matrix-factorisation model (iALS, BPR-MF) for serving: the factor
 * vectors, so that a caller can index the item vectors for nearest-neighbour search, and a
 * user-vector fold-in for interactions the model did not see. Immutable and thread-safe; the
 * arrays a method fills belong to the caller.
 *
 * <p>The score of item {@code i} for a user vector {@code w} is {@code <w, h_i> + bias_i}
 * ({@link #itemBias} is 0 for iALS).
 */
public interface FactorView extends Model {
  /** The number of factors (the vectors' length). */
  int factors();

  /** Copies the user's vector to {@code out[0..factors)}. */
  void userVector(int user, float[] out);

  /** Copies the item's vector to {@code out[0..factors)}. */
  void itemVector(int item, float[] out);

  /** The item's bias, 0 when the algorithm has none. */
  float itemBias(int item);

  /**
   * Whether {@link #foldIn} solves this model's own objective for a user (iALS: yes; BPR-MF has
   * no closed-form user step: no).
   */
  boolean supportsFoldIn();

  /**
   * The user vector that best explains interactions with {@code items[0..count)} (distinct,
   * dense item indices) against the fixed item factors: for iALS the regularised least-squares
   * user step of training (see {@link ImplicitAlsTrainer}), solved by conjugate gradient from
   * {@code out}'s current contents (pass the user's trained vector to warm-start, zeros for a new
   * user). Writes the result to {@code out[0..factors)}.
   *
   * @throws UnsupportedOperationException when {@link #supportsFoldIn()} is false
   */
  void foldIn(int[] items, int count, float[] out);
}
