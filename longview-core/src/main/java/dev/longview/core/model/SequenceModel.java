package dev.longview.core.model;

/**
 * A model that scores the next item from a sequence of recent items (a session, a user's latest
 * events), not only from a user it was trained on: GRU4Rec- and SASRec-style next-item models.
 * {@link #score(int, float[])} scores the next item after the user's training sequence; {@link
 * #scoreSequence} scores it after any sequence, e.g. the items of the current session given with a
 * request, for users the model has never seen. Same thread-safety and immutability as {@link Model}.
 */
public interface SequenceModel extends Model {
  /**
   * Writes the score of every item as the next one after {@code recentItems} into {@code scores}
   * (length at least {@link #itemCount()}); higher is better.
   *
   * @param recentItems dense item indices in time order, most recent last; may be empty (then
   *     the scores say which items tend to come first); only the model's maximum length of most
   *     recent items is read
   * @throws IllegalArgumentException when an item index is outside {@code 0..itemCount()-1} or
   *     {@code scores} is too short
   */
  void scoreSequence(int[] recentItems, float[] scores);
}
