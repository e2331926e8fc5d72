package dev.longview.algorithms;

import dev.longview.core.model.Model;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * BPR-MF: Rendle, Freudenthaler, Gantner and Schmidt-Thieme, "BPR: Bayesian personalized ranking
 * from implicit feedback" (UAI 2009). Scores {@code <w_u, h_i> + b_i}; stochastic gradient ascent
 * on {@code ln sigmoid(x_ui - x_uj) - reg |theta|^2} over triples drawn with replacement: an
 * observed pair (u, i) uniformly from the binary matrix, an item j uniformly from the items u has
 * not interacted with (rejection sampling). One epoch = as many triples as observed pairs. The
 * item bias has its own regularisation ({@code bias_reg}); the learning rate can decay linearly
 * over the epochs ({@code lr_decay}: 0 keeps it constant, 1 ends near 0), which lets a large
 * early step size settle into a finer optimum.
 * Single-threaded and driven by {@code SplittableRandom(seed)}: bit-for-bit deterministic.
 * Users without interactions keep their small random initial vectors; their scores are then
 * dominated by the item bias (a popularity-like ranking).
 */
final class BprTrainer implements Trainer {
  private final Map<String, String> params;
  private final long seed;
  final int factors;
  final int epochs;
  final float learningRate;
  final float reg;
  final float initStd;
  final float biasReg;
  final float lrDecay;

  BprTrainer(Params p, long seed) {
    this.params = p.effective();
    this.seed = seed;
    this.factors = p.integer("factors");
    this.epochs = p.integer("epochs");
    this.learningRate = (float) p.real("learning_rate");
    this.reg = (float) p.real("reg");
    this.initStd = (float) p.real("init_std");
    this.biasReg = (float) p.real("bias_reg");
    this.lrDecay = (float) p.real("lr_decay");
    check(factors >= 1 && factors <= 4096, "factors", factors, "between 1 and 4096");
    check(epochs >= 0, "epochs", epochs, ">= 0");
    check(learningRate > 0, "learning_rate", learningRate, "> 0");
    check(reg >= 0, "reg", reg, ">= 0");
    check(initStd >= 0, "init_std", initStd, ">= 0");
    check(biasReg >= 0, "bias_reg", biasReg, ">= 0");
    check(lrDecay >= 0 && lrDecay <= 1, "lr_decay", lrDecay,
        "between 0 (constant learning rate) and 1 (linear decay to 0 over the epochs)");
  }

  private static void check(boolean ok, String name, double value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("parameter " + name + " of model bpr must be " + rule
          + ", got " + value);
    }
  }

  @Override
  public Model train(InteractionSnapshot train) {
    return train(BinaryMatrix.of(train));
  }

  FactorModel train(BinaryMatrix x) {
    int f = factors;
    SplittableRandom random = new SplittableRandom(seed);
    float[] w = new float[x.users * f];
    float[] h = new float[x.items * f];
    float[] bias = new float[x.items];
    for (int k = 0; k < w.length; k++) {
      w[k] = (float) (random.nextGaussian() * initStd);
    }
    for (int k = 0; k < h.length; k++) {
      h[k] = (float) (random.nextGaussian() * initStd);
    }
    int nnz = x.nnz();
    // The user of each observed pair, to draw pairs uniformly.
    int[] userOf = new int[nnz];
    for (int u = 0; u < x.users; u++) {
      java.util.Arrays.fill(userOf, x.userPtr[u], x.userPtr[u + 1], u);
    }
    Kernels kernels = Kernels.best();
    for (int epoch = 0; epoch < epochs && nnz > 0; epoch++) {
      // Linear decay: learning_rate in the first epoch, learning_rate (1 - lr_decay) at the end.
      float lr = (float) (learningRate * (1 - lrDecay * (double) epoch / epochs));
      for (int step = 0; step < nnz; step++) {
        int pos = random.nextInt(nnz);
        int u = userOf[pos];
        if (x.userDegree(u) == x.items) {
          continue;
        }
        int i = x.userItems[pos];
        int j;
        do {
          j = random.nextInt(x.items);
        } while (x.contains(u, j));
        int uo = u * f;
        int io = i * f;
        int jo = j * f;
        float diff = bias[i] - bias[j] + kernels.dot(w, uo, h, io, f) - kernels.dot(w, uo, h, jo, f);
        float g = (float) (1.0 / (1.0 + Math.exp(diff)));
        kernels.bprStep(w, uo, h, io, jo, f, g, lr, reg);
        bias[i] += lr * (g - biasReg * bias[i]);
        bias[j] += lr * (-g - biasReg * bias[j]);
      }
    }
    return new FactorModel("bpr", params, x.users, x.items, f, w, h, bias);
  }
}
