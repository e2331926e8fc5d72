package dev.longview.algorithms;

import java.io.IOException;
import java.util.Map;

/**
 * A matrix-factorisation model (iALS, BPR-MF; LightGCN's final embeddings): user and item factor matrices of {@code f}
 * columns, row-major, and an optional item bias (empty when the algorithm has none); the score of
 * item {@code i} for user {@code u} is {@code <w_u, h_i> + bias_i}. Immutable and thread-safe.
 */
final class FactorModel implements StoredModel, FactorView {
  private final String algorithm;
  private final Map<String, String> params;
  private final int users;
  private final int items;
  final int factors;
  final float[] userFactors;
  final float[] itemFactors;
  final float[] itemBias;
  /** The iALS fold-in (built on first use: the item Gram matrix), or null for other models. */
  private volatile FoldIn foldIn;

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
  public int factors() {
    return factors;
  }

  @Override
  public void userVector(int user, float[] out) {
    System.arraycopy(userFactors, user * factors, out, 0, factors);
  }

  @Override
  public void itemVector(int item, float[] out) {
    System.arraycopy(itemFactors, item * factors, out, 0, factors);
  }

  @Override
  public float itemBias(int item) {
    return itemBias.length == 0 ? 0f : itemBias[item];
  }

  @Override
  public boolean supportsFoldIn() {
    return algorithm.equals("ials");
  }

  @Override
  public void foldIn(int[] items, int count, float[] out) {
    if (!supportsFoldIn()) {
      throw new UnsupportedOperationException("model " + algorithm + " has no user fold-in;"
          + " only ials has one");
    }
    FoldIn f = foldIn;
    if (f == null) {
      synchronized (this) {
        f = foldIn;
        if (f == null) {
          foldIn = f = new FoldIn(this);
        }
      }
    }
    f.solve(items, count, out);
  }

  /**
   * The iALS user step against the fixed item factors: the trainer's row solver with the trained
   * hyperparameters and the item Gram matrix, computed once per model. More CG steps than in
   * training (which warm-starts from the previous iteration), since a fold-in may start from 0.
   */
  private static final class FoldIn {
    private final FactorModel m;
    private final float[] gram;
    private final float alpha0;
    private final float reg;
    private final float nu;
    private final float alpha;
    private final int steps;

    FoldIn(FactorModel m) {
      this.m = m;
      ImplicitAlsTrainer t = new ImplicitAlsTrainer(
          new Params("ials", m.params, Algorithms.defaults("ials")), 0);
      this.gram = t.gram(m.itemFactors, m.items);
      this.alpha0 = t.alpha0;
      this.reg = t.reg;
      this.nu = t.nu;
      this.alpha = t.alpha;
      this.steps = Math.max(2 * t.cgSteps, Math.min(m.factors, 16));
    }

    void solve(int[] items, int count, float[] out) {
      float rowReg = (float) (reg * Math.pow(count + (double) alpha0 * m.items, nu));
      new RowSolver(m.factors, Kernels.best()).solve(gram, alpha0, rowReg, alpha, m.itemFactors,
          items, 0, count, out, 0, steps);
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
