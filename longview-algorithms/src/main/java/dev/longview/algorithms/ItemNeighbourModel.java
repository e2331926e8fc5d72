package dev.longview.algorithms;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * A sparse item-to-item model (item-kNN, RP3beta): for each item {@code i} a short list of
 * neighbours {@code j} with weights {@code w(i, j)}; a user's score for {@code j} is the sum of
 * {@code w(i, j)} over the items {@code i} of the user's training history. A user with no
 * training history scores 0 everywhere (the shared top-K then falls back to index order).
 * Immutable and thread-safe.
 */
final class ItemNeighbourModel implements StoredModel, ItemNeighbours {
  private final String algorithm;
  private final Map<String, String> params;
  private final int users;
  private final int items;
  private final int[] userPtr;
  private final int[] userItems;
  final int[] nbrPtr;
  final int[] nbrItems;
  final float[] nbrWeights;

  ItemNeighbourModel(String algorithm, Map<String, String> params, int users, int items,
      int[] userPtr, int[] userItems, int[] nbrPtr, int[] nbrItems, float[] nbrWeights) {
    this.algorithm = algorithm;
    this.params = params;
    this.users = users;
    this.items = items;
    this.userPtr = userPtr;
    this.userItems = userItems;
    this.nbrPtr = nbrPtr;
    this.nbrItems = nbrItems;
    this.nbrWeights = nbrWeights;
  }

  /** The weight of {@code j} in {@code i}'s neighbour list, or 0 when absent (for tests). */
  float weight(int i, int j) {
    for (int p = nbrPtr[i]; p < nbrPtr[i + 1]; p++) {
      if (nbrItems[p] == j) {
        return nbrWeights[p];
      }
    }
    return 0f;
  }

  @Override
  public int neighbourCount(int item) {
    return nbrPtr[item + 1] - nbrPtr[item];
  }

  @Override
  public int neighbour(int item, int k) {
    return nbrItems[nbrPtr[item] + k];
  }

  @Override
  public float neighbourWeight(int item, int k) {
    return nbrWeights[nbrPtr[item] + k];
  }

  @Override
  public int userCount() {
    return users;
  }

  @Override
  public int itemCount() {
    return items;
  }

  @Override
  public void score(int user, float[] scores) {
    Arrays.fill(scores, 0, items, 0f);
    for (int p = userPtr[user]; p < userPtr[user + 1]; p++) {
      int i = userItems[p];
      for (int q = nbrPtr[i]; q < nbrPtr[i + 1]; q++) {
        scores[nbrItems[q]] += nbrWeights[q];
      }
    }
  }

  @Override
  public String algorithm() {
    return algorithm;
  }

  @Override
  public Map<String, String> params() {
    return params;
  }

  @Override
  public void writePayload(Payload.Writer out) throws IOException {
    out.writeInts(userPtr);
    out.writeInts(userItems);
    out.writeInts(nbrPtr);
    out.writeInts(nbrItems);
    out.writeFloats(nbrWeights);
  }

  static ItemNeighbourModel read(String algorithm, Map<String, String> params, int users, int items,
      Payload.Reader in) {
    int[] userPtr = in.readInts();
    int[] userItems = in.readInts();
    int[] nbrPtr = in.readInts();
    int[] nbrItems = in.readInts();
    float[] nbrWeights = in.readFloats();
    in.checkCsr("training rows", users, userPtr, userItems, items);
    in.checkCsr("neighbour lists", items, nbrPtr, nbrItems, items);
    in.check(nbrWeights.length == nbrItems.length, "neighbour weights and items differ in length");
    return new ItemNeighbourModel(algorithm, params, users, items, userPtr, userItems, nbrPtr,
        nbrItems, nbrWeights);
  }
}
