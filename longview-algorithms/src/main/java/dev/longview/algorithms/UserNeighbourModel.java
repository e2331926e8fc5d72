package dev.longview.algorithms;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * A sparse user-to-user model (user-kNN): for each user a short list of neighbours {@code v} with
 * similarities; the score of item {@code j} for {@code u} sums {@code sim(u, v)} over the
 * neighbours {@code v} that have {@code j} in training. A user with no training history has no
 * neighbours and scores 0 everywhere. Immutable and thread-safe.
 */
final class UserNeighbourModel implements StoredModel {
  private final Map<String, String> params;
  private final int users;
  private final int items;
  private final int[] userPtr;
  private final int[] userItems;
  final int[] nbrPtr;
  final int[] nbrUsers;
  final float[] nbrWeights;

  UserNeighbourModel(Map<String, String> params, int users, int items, int[] userPtr,
      int[] userItems, int[] nbrPtr, int[] nbrUsers, float[] nbrWeights) {
    this.params = params;
    this.users = users;
    this.items = items;
    this.userPtr = userPtr;
    this.userItems = userItems;
    this.nbrPtr = nbrPtr;
    this.nbrUsers = nbrUsers;
    this.nbrWeights = nbrWeights;
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
    for (int q = nbrPtr[user]; q < nbrPtr[user + 1]; q++) {
      int v = nbrUsers[q];
      float w = nbrWeights[q];
      for (int p = userPtr[v]; p < userPtr[v + 1]; p++) {
        scores[userItems[p]] += w;
      }
    }
  }

  @Override
  public String algorithm() {
    return "userknn";
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
    out.writeInts(nbrUsers);
    out.writeFloats(nbrWeights);
  }

  static UserNeighbourModel read(String algorithm, Map<String, String> params, int users,
      int items, Payload.Reader in) {
    int[] userPtr = in.readInts();
    int[] userItems = in.readInts();
    int[] nbrPtr = in.readInts();
    int[] nbrUsers = in.readInts();
    float[] nbrWeights = in.readFloats();
    in.checkCsr("training rows", users, userPtr, userItems, items);
    in.checkCsr("neighbour lists", users, nbrPtr, nbrUsers, users);
    in.check(nbrWeights.length == nbrUsers.length, "neighbour weights and users differ in length");
    return new UserNeighbourModel(params, users, items, userPtr, userItems, nbrPtr, nbrUsers,
        nbrWeights);
  }
}
