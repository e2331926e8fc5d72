package dev.longview.server;

import dev.longview.pipeline.ModelSet;
import java.time.Instant;

/**
 * What one training produced, swapped in as a whole: the {@link ModelSet} (snapshot, the chain's
 * models with their status, the vector index), and when and as which version. Immutable; shared
 * by every request.
 *
 * @param ingestMark the ingest sequence number when the snapshot was taken: recent items with a
 *     lower number are in the snapshot and can be forgotten
 */
record ModelBundle(ModelSet models, long version, Instant trainedAt, double trainingSeconds,
    long ingestMark) {
  /** The first trained model of the chain. */
  String modelName() {
    return models.primary();
  }

  dev.longview.core.snapshot.InteractionSnapshot snapshot() {
    return models.snapshot();
  }
}
