package dev.longview.algorithms;

import dev.longview.core.model.Model;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;

/**
 * A {@link Trainer} whose training takes long enough to report progress (epochs). Callers that
 * show progress check {@code trainer instanceof ProgressReporting}; {@link #train(InteractionSnapshot)}
 * stays the silent form.
 */
public interface ProgressReporting extends Trainer {
  /** Trains like {@link #train(InteractionSnapshot)}, telling {@code listener} after each step. */
  Model train(InteractionSnapshot train, TrainingListener listener);
}
