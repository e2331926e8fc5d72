package dev.longview.algorithms;

import java.io.IOException;
import java.util.Map;

/**
 * A matrix-factorisation model (iALS, BPR-MF; LightGCN's final embeddings): user and item factor matrices of {@code f}
 * columns, row-major, and an optional item bias (empty when the algorithm has none); the score of
 * item {@code i} for user {@code u} is {@code <w_u, h_i> + bias_i}. Immutable and thread-safe.
 */
final class FactorModel implements StoredModel {
  private final String algorithm;
  private final Map<String, String> params;
  private final int users;
  private final int items;
  final int factors;
  final float[] userFactors;
  final float[] itemFactors;
  final float[] itemBias;

  FactorModel(String algorithm, Map<String, String> params, int users, int items, int factors,
      float[] userFactors, float[] itemFactors, float[] itemBias) {
    if ((long) users * factors != userFactors.length
        || (long) items * factors != itemFactors.length
        || (itemBias.length != 0 && itemBias.length != items)) {
      throw new IllegalArgumentException("factor arrays do not match " + users + " users, "
          + items + " items and " + factors + " factors");
    }
    this.algorithm = algorithm;
    this.params = params;
    this.users = users;
    this.items = items;
    this.factors = factors;
    this.userFactors = userFactors;
    this.itemFactors = itemFactors;
    this.itemBias = itemBias;
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
    Kernels k = Kernels.best();
    int uo = user * factors;
    for (int i = 0; i < items; i++) {
      scores[i] = k.dot(userFactors, uo, itemFactors, i * factors, factors);
    }
    if (itemBias.length != 0) {
      for (int i = 0; i < items; i++) {
        scores[i] += itemBias[i];
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
    out.writeInt(factors);
    out.writeFloats(userFactors);
    out.writeFloats(itemFactors);
    out.writeFloats(itemBias);
  }

  static FactorModel read(String algorithm, Map<String, String> params, int users, int items,
      Payload.Reader in) {
    return new FactorModel(algorithm, params, users, items, in.readInt(), in.readFloats(),
        in.readFloats(), in.readFloats());
  }
}
