package dev.longview.algorithms;

import dev.longview.core.model.Model;
import java.util.Optional;

/**
 * Read-only access to the factor matrices of a trained matrix-factorisation model (iALS, BPR-MF),
 * for consumers that need embeddings rather than scores (the ranker's dot-product, norm and
 * similarity features). Copies never expose the model's arrays. Immutable and thread-safe.
 */
public final class FactorVectors {
  private final FactorModel model;

  private FactorVectors(FactorModel model) {
    this.model = model;
  }

  /** The factor view of {@code model}, or empty when it is not a factor model. */
  public static Optional<FactorVectors> of(Model model) {
    return model instanceof FactorModel f ? Optional.of(new FactorVectors(f)) : Optional.empty();
  }

  /** The vectors' length. */
  public int factors() {
    return model.factors;
  }

  public int userCount() {
    return model.userCount();
  }

  public int itemCount() {
    return model.itemCount();
  }

  /** A copy of all user vectors, row-major ({@code userCount() x factors()}). */
  public float[] userMatrix() {
    return model.userFactors.clone();
  }

  /** A copy of all item vectors, row-major ({@code itemCount() x factors()}). */
  public float[] itemMatrix() {
    return model.itemFactors.clone();
  }
}
