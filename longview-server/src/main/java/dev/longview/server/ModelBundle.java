package dev.longview.server;

import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.time.Instant;

/**
 * What one training produced, swapped in as a whole: the snapshot (ids, consumed items, side
 * data), the model trained on it, a popularity model for users the model does not know, and when
 * and as which version. Immutable; shared by every request.
 *
 * @param ingestMark the ingest sequence number when the snapshot was taken: recent items with a
 *     lower number are in the snapshot and can be forgotten
 */
record ModelBundle(InteractionSnapshot snapshot, Model model, Model fallback, String modelName,
    long version, Instant trainedAt, double trainingSeconds, long ingestMark) {}
