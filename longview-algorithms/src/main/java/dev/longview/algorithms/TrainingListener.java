package dev.longview.algorithms;

/**
 * Receives the progress of a long training run (epochs or iterations done out of a total, and a
 * short note such as the loss), from the training thread. Implementations must be quick; they
 * draw progress bars or log, and must not touch the model being trained.
 */
@FunctionalInterface
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = (done, total, note) -> {};

  /**
   * {@code done} of {@code total} steps are finished ({@code done} may stop short of
   * {@code total} when training stops early); {@code note} is a human-readable status.
   */
  void progress(int done, int total, String note);
}
