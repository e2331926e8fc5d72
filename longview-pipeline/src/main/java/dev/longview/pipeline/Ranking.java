package dev.longview.pipeline;

/**
 * The ordered candidates of a request: candidate slots (see {@link Candidates}) and their
 * scores, best first. Mutable by the re-rank stages; one per request.
 */
public final class Ranking {
  private int[] slots;
  private float[] scores;
  private int size;

  Ranking(int[] slots, float[] scores, int size) {
    this.slots = slots;
    this.scores = scores;
    this.size = size;
  }

  public int size() {
    return size;
  }

  public int slot(int position) {
    return slots[position];
  }

  public float score(int position) {
    return scores[position];
  }

  /** Replaces the order with {@code newSlots[0..newSize)} (each slot at most once). */
  public void replace(int[] newSlots, float[] newScores, int newSize) {
    this.slots = newSlots;
    this.scores = newScores;
    this.size = newSize;
  }
}
