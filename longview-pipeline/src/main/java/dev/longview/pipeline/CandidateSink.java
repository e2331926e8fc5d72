package dev.longview.pipeline;

/** Where a {@link RecallSource} puts what it finds. */
@FunctionalInterface
public interface CandidateSink {
  /**
   * Offers {@code item} with the source's raw {@code score} (higher is better, only comparable
   * within the source) and the item that led to it ({@code anchor}, -1 when none). An item
   * offered twice keeps its best score.
   */
  void offer(int item, float score, int anchor);
}
