package dev.longview.pipeline;

import dev.longview.core.model.ItemFilter;

/**
 * Nearest neighbours by inner product over a fixed set of vectors (one per dense item index).
 * Two implementations: {@link ExactVectorIndex} (brute force, the reference) and
 * {@link HnswVectorIndex} (Lucene's HNSW graph); {@link #build} picks exact search below a
 * catalogue-size threshold. Immutable and thread-safe once built.
 */
public interface VectorIndex {
  /** The number of indexed vectors. */
  int size();

  /** The vectors' length. */
  int dimension();

  /**
   * Writes the (at most) {@code k} indexed vectors with the largest inner product with
   * {@code query} that {@code filter} allows (null: all), best first (ties by lower index), to
   * {@code items} and their inner products to {@code scores}; returns how many were written.
   */
  int search(float[] query, int k, ItemFilter filter, int[] items, float[] scores);

  /** "exact" or "hnsw". */
  String kind();

  /**
   * An index over {@code n} row-major vectors of length {@code dim}: exact when
   * {@code n < config.exactSearchBelow()}, else HNSW with the config's parameters.
   */
  static VectorIndex build(float[] vectors, int n, int dim, PipelineConfig config) {
    if (n < config.exactSearchBelow()) {
      return new ExactVectorIndex(vectors, n, dim);
    }
    return new HnswVectorIndex(vectors, n, dim, config.hnswM(), config.hnswBeamWidth(),
        config.hnswOversample());
  }
}
