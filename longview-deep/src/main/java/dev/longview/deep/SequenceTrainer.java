package dev.longview.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
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
 * pairs, left-padded. Loss ({@link SequenceConfig.Loss}), at every real position: by default the
 * full softmax cross-entropy over all items (the catalogues here have at most about 10k items, so
 * it is affordable and trains better than SASRec's one sampled negative); optionally a sampled
 * softmax over the target and a batch's shared uniform negatives, whose output layer costs
 * {@code negatives + 1} instead of the catalogue size per position, or the original paper's binary
 * cross-entropy with one negative per position from outside the user's sequence. Optimiser: Adam with bias correction, written on
 * DJL NDArrays (gradients are zeroed after every step). After every epoch the validation NDCG@10
 * (full ranking, the user's training items excluded) decides early stopping; the best epoch's
 * parameters are restored. The final model scores the item after each user's whole training
 * sequence (validation item included as context).
 *
 * <p>Seeded: initialisation, dropout (the engine's global seed, set at the start of training),
 * window order and negative samples. Not for concurrent use with other DJL training in the same JVM (the engine's seed is
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

  /** The architecture and hyperparameters this trainer trains with. */
  public SequenceConfig config() {
    return config;
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
    List<Integer> windowUsers = new ArrayList<>();
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
        windowUsers.add(u);
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
      Negatives negatives = new Negatives(config, items, seq, start);
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
        long c0 = cpuNanos();
        shuffle(order, random);
        double lossSum = 0;
        int batches = 0;
        for (int b0 = 0; b0 < windows; b0 += config.batchSize()) {
          int b = Math.min(config.batchSize(), windows - b0);
          long[] in = new long[b * length];
          long[] tg = new long[b * length];
          int[] rowUsers = new int[b];
          for (int r = 0; r < b; r++) {
            System.arraycopy(inputs.get(order[b0 + r]), 0, in, r * length, length);
            System.arraycopy(targets.get(order[b0 + r]), 0, tg, r * length, length);
            rowUsers[r] = windowUsers.get(order[b0 + r]);
          }
          lossSum += step(net, manager, adam, config.loss(), in, tg, negatives.draw(tg, rowUsers, length),
              b, length);
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
            "%s epoch %d: loss %.4f, valid NDCG@10 %.4f (%.1f s, of which validation %.1f s; process CPU %.1f s)",
            config.architecture().name().toLowerCase(java.util.Locale.ROOT),
            epoch, loss, valid, (System.nanoTime() - e0) / 1e9, (System.nanoTime() - v0) / 1e9,
            (cpuNanos() - c0) / 1e9));
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

  /**
   * One Adam step on a batch; returns the mean loss. {@code negatives} holds embedding rows: the
   * batch's shared negatives for the sampled softmax, one per real position (row-major order) for
   * BCE, nothing for the full softmax.
   */
  private static double step(SequenceNet net, NDManager manager, Adam adam, SequenceConfig.Loss lossKind,
      long[] in, long[] tg, long[] negatives, int batch, int length) {
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
        NDArray table = net.items(store, rows, true);
        NDArray nll = switch (lossKind) {
          case SOFTMAX -> h.matMul(table.transpose()).logSoftmax(1).gather(t.reshape(-1, 1), 1).neg().mean();
          case SAMPLED_SOFTMAX -> {
            NDArray negRows = manager.create(negatives);
            NDArray positive = rowsOf(table, t).mul(h).sum(new int[] {1}, true); // (N, 1)
            NDArray negative = h.matMul(rowsOf(table, negRows).transpose()); // (N, K)
            NDArray clash = t.reshape(-1, 1).eq(negRows.reshape(1, -1)).toType(DataType.FLOAT32, false);
            NDArray logits = positive.concat(negative.add(clash.mul(-1e9f)), 1);
            yield logits.logSoftmax(1).get(":, 0").neg().mean();
          }
          case BCE -> {
            NDArray positive = rowsOf(table, t).mul(h).sum(new int[] {1});
            NDArray negative = rowsOf(table, manager.create(negatives)).mul(h).sum(new int[] {1});
            // -log sigmoid(p) - log(1 - sigmoid(n)) = softplus(-p) + softplus(n)
            yield Activation.softPlus(positive.neg()).add(Activation.softPlus(negative)).mean();
          }
        };
        collector.backward(nll);
        loss = nll.getFloat();
      }
      adam.step();
      return loss;
    }
  }

  /** Rows {@code index} of an embedding table, differentiable with respect to the table. */
  private static NDArray rowsOf(NDArray table, NDArray index) {
    return Embedding.embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
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

  /**
   * Negative embedding rows for a batch, from their own seeded stream (the full softmax draws
   * none, so its runs do not depend on this).
   */
  static final class Negatives {
    private final SequenceConfig.Loss loss;
    private final int items;
    private final int count;
    private final int[] pool;
    private final int[] sortedSeq;
    private final int[] start;
    private final Random random;

    Negatives(SequenceConfig config, int items, int[] seq, int[] start) {
      this.loss = config.loss();
      this.items = items;
      this.count = Math.min(config.negatives(), items);
      this.start = start;
      this.random = new Random(config.seed() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
      this.pool = loss == SequenceConfig.Loss.SAMPLED_SOFTMAX ? new int[items] : null;
      if (pool != null) {
        for (int i = 0; i < items; i++) {
          pool[i] = i;
        }
      }
      this.sortedSeq = loss == SequenceConfig.Loss.BCE ? seq.clone() : null;
      if (sortedSeq != null) {
        for (int u = 0; u + 1 < start.length; u++) {
          java.util.Arrays.sort(sortedSeq, start[u], start[u + 1]);
        }
      }
    }

    /** The batch's negatives (rows: item + 1); {@code tg} is row-major (batch, length). */
    long[] draw(long[] tg, int[] rowUsers, int length) {
      return switch (loss) {
        case SOFTMAX -> null;
        case SAMPLED_SOFTMAX -> {
          long[] out = new long[count]; // a partial Fisher-Yates shuffle: distinct, uniform
          for (int k = 0; k < count; k++) {
            int j = k + random.nextInt(items - k);
            int x = pool[j];
            pool[j] = pool[k];
            pool[k] = x;
            out[k] = x + 1L;
          }
          yield out;
        }
        case BCE -> {
          int real = 0;
          for (long t : tg) {
            if (t != 0) {
              real++;
            }
          }
          long[] out = new long[real];
          int k = 0;
          for (int p = 0; p < tg.length; p++) {
            if (tg[p] != 0) {
              out[k++] = outsideSequence(rowUsers[p / length]) + 1L;
            }
          }
          yield out;
        }
      };
    }

    /** A uniform item the user has not interacted with in training (any item if that fails). */
    private int outsideSequence(int user) {
      int item = random.nextInt(items);
      for (int attempt = 0; attempt < 100
          && java.util.Arrays.binarySearch(sortedSeq, start[user], start[user + 1], item) >= 0; attempt++) {
        item = random.nextInt(items);
      }
      return item;
    }
  }

  /**
   * CPU time of this process so far (all threads, native ones included), or -1 where the JVM does
   * not say: on a loaded machine it measures the work of an epoch better than wall-clock time.
   */
  static long cpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
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
