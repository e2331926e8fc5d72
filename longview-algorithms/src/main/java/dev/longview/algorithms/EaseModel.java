package dev.longview.algorithms;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * A trained EASE model: the dense item-item weight matrix B (row-major, zero diagonal) and the
 * users' training rows; the score of {@code j} for {@code u} is {@code sum over i in I_u of
 * B[i][j]}. A user with no training history scores 0 everywhere. Immutable and thread-safe.
 */
final class EaseModel implements StoredModel {
  private final Map<String, String> params;
  private final int users;
  private final int items;
  private final int[] userPtr;
  private final int[] userItems;
  final float[] b;

  EaseModel(Map<String, String> params, int users, int items, int[] userPtr, int[] userItems,
      float[] b) {
    if ((long) items * items != b.length) {
      throw new IllegalArgumentException("EASE matrix has " + b.length + " values, expected "
          + items + " x " + items);
    }
    this.params = params;
    this.users = users;
    this.items = items;
    this.userPtr = userPtr;
    this.userItems = userItems;
    this.b = b;
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
    Kernels kernels = Kernels.best();
    for (int p = userPtr[user]; p < userPtr[user + 1]; p++) {
      kernels.axpy(1f, b, userItems[p] * items, scores, 0, items);
    }
  }

  @Override
  public String algorithm() {
    return "ease";
  }

  @Override
  public Map<String, String> params() {
    return params;
  }

  @Override
  public void writePayload(Payload.Writer out) throws IOException {
    out.writeInts(userPtr);
    out.writeInts(userItems);
    out.writeFloats(b);
  }

  static EaseModel read(String algorithm, Map<String, String> params, int users, int items,
      Payload.Reader in) {
    int[] userPtr = in.readInts();
    int[] userItems = in.readInts();
    in.checkCsr("training rows", users, userPtr, userItems, items);
    return new EaseModel(params, users, items, userPtr, userItems, in.readFloats());
  }
}
