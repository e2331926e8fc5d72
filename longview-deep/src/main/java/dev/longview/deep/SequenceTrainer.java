package dev.longview.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a {@link DeepSequenceModel} for next-item prediction on every user's time-ordered training
 * events (the snapshot's CSR rows).
 *
 * <p>Data: each user's last training item is held out for validation (users with at least 3);
 * the rest is cut, from the newest end, into windows of {@code maxLength} (input, next item)
 * pairs, left-padded. Loss: full softmax cross-entropy over all items at every real position (the
 * catalogues here have at most about 10k items, so the full softmax is affordable and trains
 * better than SASRec's one sampled negative). Optimiser: Adam with bias correction, written on
 * DJL NDArrays (gradients are zeroed after every step). After every epoch the validation NDCG@10
 * (full ranking, the user's training items excluded) decides early stopping; the best epoch's
 * parameters are restored. The final model scores the item after each user's whole training
 * sequence (validation item included as context).
 *
 * <p>Seeded: initialisation, dropout (the engine's global seed, set at the start of training) and
 * window order. Not for concurrent use with other DJL training in the same JVM (the engine's seed is
 * global).
 */
public final class SequenceTrainer implements Trainer {
  private static final int VALID_BATCH = 256;
  private final SequenceConfig config;
  private final Consumer<String> progress;

  /**
   * @param progress receives one line per epoch and a summary; may be null
   */
  public SequenceTrainer(SequenceConfig config, Consumer<String> progress) {
    if (config == null) {
      throw new IllegalArgumentException("config is missing");
    }
    this.config = config;
    this.progress = progress == null ? s -> {} : progress;
  }

  static SequenceNet network(SequenceConfig c, int vocabulary) {
    return switch (c.architecture()) {
      case SASREC -> new SasRecNet(vocabulary, c.dim(), c.layers(), c.heads(), c.maxLength(), (float) c.dropout());
      case GRU4REC -> new Gru4RecNet(vocabulary, c.dim(), c.layers(), c.maxLength(), (float) c.dropout());
    };
  }

  @Override
  public DeepSequenceModel train(InteractionSnapshot train) {
    long t0 = System.nanoTime();
    int users = train.userCount();
    int items = train.itemCount();
    if (items < 1) {
      throw new IllegalArgumentException("the training snapshot has no items; a sequential model needs interactions");
    }
    int[] start = new int[users + 1];
    int[] seq = new int[train.size()];
    for (int u = 0; u < users; u++) {
      int k = start[u];
      for (int p = train.userStart(u); p < train.userEnd(u); p++) {
        seq[k++] = train.itemAt(p);
      }
      start[u + 1] = k;
    }
    int length = config.maxLength();
    // Validation: last item of users with >= 3 training items.
    List<Integer> validUsers = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      if (start[u + 1] - start[u] >= 3) {
        validUsers.add(u);
      }
    }
    // Windows of (input, target) pairs over each user's training part.
    List<long[]> inputs = new ArrayList<>();
    List<long[]> targets = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int n = start[u + 1] - start[u];
      int m = n >= 3 ? n - 1 : n; // the training part
      for (int end = m - 1; end >= 1; end -= length) { // end: index of the last target
        int from = Math.max(1, end - length + 1);
        long[] in = new long[length];
        long[] tg = new long[length];
        int w = end - from + 1;
        for (int k = 0; k < w; k++) {
          in[length - w + k] = seq[start[u] + from - 1 + k] + 1L;
          tg[length - w + k] = seq[start[u] + from + k] + 1L;
        }
        inputs.add(in);
        targets.add(tg);
      }
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no user has two training items in a row; a sequential model needs sequences");
    }
    Torch.engine().setRandomSeed((int) (config.seed() ^ (config.seed() >>> 32)));
    NDManager manager = Torch.newManager();
    try {
      SequenceNet net = network(config, items + 1);
      net.initialize(manager, DataType.FLOAT32, new Shape(config.batchSize(), length));
      List<Parameter> params = new ArrayList<>(net.getParameters().values());
      Adam adam = new Adam(manager, params, config.learningRate(), config.l2());
      Random random = new Random(config.seed());
      int windows = inputs.size();
      int[] order = new int[windows];
      for (int k = 0; k < windows; k++) {
        order[k] = k;
      }
      double best = Double.NEGATIVE_INFINITY;
      int bestEpoch = 0;
      NDArray[] bestParams = null;
      int epoch = 0;
      while (epoch < config.maxEpochs()) {
        epoch++;
        long e0 = System.nanoTime();
        shuffle(order, random);
        double lossSum = 0;
        int batches = 0;
        for (int b0 = 0; b0 < windows; b0 += config.batchSize()) {
          int b = Math.min(config.batchSize(), windows - b0);
          long[] in = new long[b * length];
          long[] tg = new long[b * length];
          for (int r = 0; r < b; r++) {
            System.arraycopy(inputs.get(order[b0 + r]), 0, in, r * length, length);
            System.arraycopy(targets.get(order[b0 + r]), 0, tg, r * length, length);
          }
          lossSum += step(net, manager, adam, in, tg, b, length);
          batches++;
        }
        long v0 = System.nanoTime();
        double loss = lossSum / batches;
        if (!Double.isFinite(loss)) {
          throw new IllegalStateException("training diverged at epoch " + epoch + " (loss " + loss
              + "); lower learning_rate (was " + config.learningRate() + ")");
        }
        double valid = validNdcg(net, manager, seq, start, validUsers, items);
        progress.accept(String.format(java.util.Locale.ROOT,
            "%s epoch %d: loss %.4f, valid NDCG@10 %.4f (%.1f s, of which validation %.1f s)",
            config.architecture().name().toLowerCase(java.util.Locale.ROOT),
            epoch, loss, valid, (System.nanoTime() - e0) / 1e9, (System.nanoTime() - v0) / 1e9));
        if (config.patience() == 0 || validUsers.isEmpty()) {
          bestEpoch = epoch;
          best = valid;
          continue;
        }
        if (valid > best) {
          best = valid;
          bestEpoch = epoch;
          bestParams = snapshot(params, bestParams);
        } else if (epoch - bestEpoch >= config.patience()) {
          break;
        }
      }
      if (bestParams != null && bestEpoch != epoch) {
        for (int k = 0; k < params.size(); k++) {
          NDArray a = params.get(k).getArray();
          a.muli(0).addi(bestParams[k]);
        }
      }
      if (bestParams != null) {
        for (NDArray a : bestParams) {
          a.close();
        }
      }
      adam.close();
      double seconds = (System.nanoTime() - t0) / 1e9;
      DeepSequenceModel.TrainingSummary summary = new DeepSequenceModel.TrainingSummary(epoch,
          bestEpoch, best, seconds);
      progress.accept(config.architecture().name().toLowerCase(java.util.Locale.ROOT) + ": " + summary);
      return new DeepSequenceModel(config, users, items, start, seq, summary, manager, net);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** One Adam step on a batch; returns the mean loss. */
  private static double step(SequenceNet net, NDManager manager, Adam adam, long[] in, long[] tg,
      int batch, int length) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray rows = manager.create(in, new Shape(batch, length));
      NDArray targets = manager.create(tg, new Shape((long) batch * length));
      ParameterStore store = new ParameterStore(manager, false);
      float loss;
      try (GradientCollector collector = Torch.engine().newGradientCollector()) {
        NDArray hidden = net.forward(store, new NDList(rows), true).head()
            .reshape((long) batch * length, net.dim);
        NDArray real = targets.neq(0);
        NDArray h = hidden.get(new NDIndex().addBooleanIndex(real));
        NDArray t = targets.get(new NDIndex().addBooleanIndex(real));
        NDArray logits = h.matMul(net.items(store, rows, true).transpose());
        NDArray nll = logits.logSoftmax(1).gather(t.reshape(-1, 1), 1).neg().mean();
        collector.backward(nll);
        loss = nll.getFloat();
      }
      adam.step();
      return loss;
    }
  }

  /** Mean NDCG@10 of the held-out last training item, ranked among the unseen items. */
  private static double validNdcg(SequenceNet net, NDManager manager, int[] seq, int[] start,
      List<Integer> validUsers, int items) {
    if (validUsers.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    java.util.BitSet seen = new java.util.BitSet(items);
    for (int b0 = 0; b0 < validUsers.size(); b0 += VALID_BATCH) {
      int b = Math.min(VALID_BATCH, validUsers.size() - b0);
      int[][] context = new int[b][];
      for (int r = 0; r < b; r++) {
        int u = validUsers.get(b0 + r);
        context[r] = java.util.Arrays.copyOfRange(seq, start[u], start[u + 1] - 1);
      }
      float[] scores = new float[b * items];
      DeepSequenceModel.scoreWindows(net, manager, context, items, scores);
      for (int r = 0; r < b; r++) {
        int u = validUsers.get(b0 + r);
        int target = seq[start[u + 1] - 1];
        seen.clear();
        for (int item : context[r]) {
          seen.set(item);
        }
        if (seen.get(target)) {
          continue; // a repeat: not rankable under "exclude seen items"; counts as a miss
        }
        float s = scores[r * items + target];
        int rank = 0;
        for (int i = 0; i < items && rank < 10; i++) {
          float x = scores[r * items + i];
          if (!seen.get(i) && (x > s || (x == s && i < target))) {
            rank++;
          }
        }
        if (rank < 10) {
          sum += 1 / (Math.log(rank + 2) / Math.log(2));
        }
      }
    }
    return sum / validUsers.size();
  }

  private static NDArray[] snapshot(List<Parameter> params, NDArray[] previous) {
    if (previous != null) {
      for (NDArray a : previous) {
        a.close();
      }
    }
    NDArray[] copy = new NDArray[params.size()];
    for (int k = 0; k < copy.length; k++) {
      copy[k] = params.get(k).getArray().duplicate();
      copy[k].setRequiresGradient(false);
    }
    return copy;
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * Adam (Kingma and Ba 2015) with bias correction and an optional L2 term, on the parameters'
   * arrays in place; zeroes each gradient after using it. Its moment estimates live in the
   * training manager, outside the per-step scopes.
   */
  private static final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.98;
    private static final double EPSILON = 1e-9;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private final double rate;
    private final double l2;
    private int t;

    Adam(NDManager manager, List<Parameter> params, double rate, double l2) {
      for (Parameter p : params) {
        NDArray w = p.getArray();
        w.setRequiresGradient(true);
        weights.add(w);
        first.add(w.zerosLike());
        second.add(w.zerosLike());
      }
      this.rate = rate;
      this.l2 = l2;
    }

    /** One update from the current gradients (call inside an NDScope: temporaries are freed). */
    void step() {
      t++;
      double corrected = rate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
      for (int k = 0; k < weights.size(); k++) {
        NDArray w = weights.get(k);
        NDArray g = w.getGradient();
        NDArray grad = l2 > 0 ? g.add(w.mul(l2)) : g;
        first.get(k).muli(BETA1).addi(grad.mul(1 - BETA1));
        second.get(k).muli(BETA2).addi(grad.square().muli(1 - BETA2));
        w.subi(first.get(k).div(second.get(k).sqrt().addi(EPSILON)).muli(corrected));
        g.muli(0);
      }
    }

    void close() {
      first.forEach(NDArray::close);
      second.forEach(NDArray::close);
    }
  }
}
