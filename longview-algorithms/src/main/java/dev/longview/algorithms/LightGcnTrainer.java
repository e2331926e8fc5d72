package dev.longview.algorithms;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.model.TopK;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * LightGCN: He, Deng, Wang, Li, Zhang and Wang, "LightGCN: Simplifying and Powering Graph
 * Convolution Network for Recommendation" (SIGIR 2020).
 *
 * <h2>Model</h2>
 * The users and items are the nodes of one bipartite graph with an edge per observed pair of the
 * binary matrix ({@link BinaryMatrix}); {@code A} is its symmetrically normalised adjacency
 * {@code D^-1/2 A D^-1/2} (edge weight {@code 1 / sqrt(|I_u| |U_i|)}). The free parameters are the
 * layer-0 embeddings {@code E0} (one row of {@code factors} per node). Layer {@code k + 1} is
 * {@code A E_k} (no weights, no non-linearity) and the final embedding is the mean of layers
 * {@code 0..K}: {@code E = P E0} with {@code P = (I + A + ... + A^K) / (K + 1)}. A user's score for
 * an item is the dot product of their final embeddings, so the trained model is a
 * {@link FactorModel} and serves like iALS.
 *
 * <h2>Training</h2>
 * BPR loss with L2 on the layer-0 embeddings of each triple, as in the paper:
 * {@code mean over triples of softplus(x_uj - x_ui) + reg * mean over triples of
 * (|e0_u|^2 + |e0_i|^2 + |e0_j|^2) / 2}. One epoch draws, for every observed pair (u, i), one
 * negative item j uniformly among the items u has not interacted with, and splits the triples
 * into {@code batches} random batches. Each batch is one step of Adam on {@code E0}: forward
 * propagation, the BPR gradient with respect to the final embeddings {@code G}, then the
 * backward pass, which is the same propagation applied to {@code G} ({@code A} is symmetric, so
 * {@code P^T = P}).
 *
 * <p>Cost: one propagation is {@code 2 K nnz factors} multiply-adds (ml-1m P1 train: 673k edges,
 * 64 factors, 3 layers: 260 M), one forward and one backward per step. Small batches (RecBole
 * uses 2048 triples) would need a full propagation per 2048 triples, hundreds per epoch, far too
 * slow on a few cores; so the default is few large batches per epoch with a larger Adam step
 * (BENCHMARKS.md, section "LightGCN", has the measurements behind that choice).
 *
 * <h2>Early stopping</h2>
 * When {@code valid_fraction > 0}, that share of each user's pairs (rounded down; users with fewer
 * than 5 pairs keep all) is held out, seeded, and the model trains on the rest. Every
 * {@code eval_every} epochs, Recall@10 on the held-out pairs (full ranking of the items not in the
 * user's training pairs, the shared {@link TopK} and {@link ItemFilter}) is measured and the best
 * {@code E0} kept; training stops after {@code patience} evaluations without improvement. The
 * returned model propagates the best {@code E0} over the graph of ALL the pairs given (held-out
 * ones included), so no interaction is lost to the model at serving time.
 *
 * <h2>Threads and determinism</h2>
 * Propagation rows, Adam updates and validation users are split over {@code threads} workers;
 * each output row is owned by one task. The BPR gradient is computed in a fixed number of user
 * chunks (independent of the thread count), each with its own item-gradient buffer summed in chunk
 * order, and negatives come from one {@link SplittableRandom} per (seed, epoch, chunk). The
 * model is therefore bit-for-bit the same for a given seed whatever the thread count.
 * A user without training pairs gets a zero vector (scores 0; the shared top-K falls back to
 * index order); an item without pairs keeps its layer-0 vector over {@code K + 1}, trained only as
 * a negative, so it ranks low.
 */
final class LightGcnTrainer implements ProgressReporting {
  /** Fixed user chunks of the gradient pass: independent of {@code threads} for determinism. */
  private static final int CHUNKS = 16;
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;

  private final Map<String, String> params;
  private final long seed;
  final int factors;
  final int layers;
  final int epochs;
  final int batches;
  final float learningRate;
  final float reg;
  final float initStd;
  final double validFraction;
  final int evalEvery;
  final int patience;
  final int threads;
  private final Kernels kernels;

  LightGcnTrainer(Params p, long seed) {
    this(p, seed, Kernels.best());
  }

  LightGcnTrainer(Params p, long seed, Kernels kernels) {
    this.params = p.effective();
    this.seed = seed;
    this.factors = p.integer("factors");
    this.layers = p.integer("layers");
    this.epochs = p.integer("epochs");
    this.batches = p.integer("batches");
    this.learningRate = (float) p.real("learning_rate");
    this.reg = (float) p.real("reg");
    this.initStd = (float) p.real("init_std");
    this.validFraction = p.real("valid_fraction");
    this.evalEvery = p.integer("eval_every");
    this.patience = p.integer("patience");
    this.threads = p.integer("threads");
    this.kernels = kernels;
    check(factors >= 1 && factors <= 4096, "factors", factors, "between 1 and 4096");
    check(layers >= 0 && layers <= 10, "layers", layers,
        "between 0 (plain BPR-MF on the embeddings) and 10");
    check(epochs >= 0, "epochs", epochs, ">= 0");
    check(batches >= 1, "batches", batches, ">= 1 (Adam steps per epoch)");
    check(learningRate > 0, "learning_rate", learningRate, "> 0");
    check(reg >= 0, "reg", reg, ">= 0");
    check(initStd > 0, "init_std", initStd, "> 0");
    check(validFraction >= 0 && validFraction < 0.5, "valid_fraction", validFraction,
        "between 0 (no early stopping: train all epochs) and 0.5");
    check(evalEvery >= 1, "eval_every", evalEvery, ">= 1");
    check(patience >= 1, "patience", patience, ">= 1 (evaluations without improvement)");
    check(threads >= 1, "threads", threads, ">= 1");
  }

  private static void check(boolean ok, String name, double value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("parameter " + name + " of model lightgcn must be "
          + rule + ", got " + value);
    }
  }

  @Override
  public Model train(InteractionSnapshot train) {
    return train(BinaryMatrix.of(train), TrainingListener.NONE);
  }

  @Override
  public Model train(InteractionSnapshot train, TrainingListener listener) {
    return train(BinaryMatrix.of(train), listener);
  }

  FactorModel train(BinaryMatrix all, TrainingListener listener) {
    ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "lightgcn-worker");
      t.setDaemon(true);
      return t;
    });
    try {
      return new Run(all, pool, listener).fit();
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /** The normalised adjacency of one bipartite graph: nodes are users, then items. */
  static final class Graph {
    final int users;
    final int items;
    final int[] ptr;
    final int[] nbr;
    final float[] weight;

    Graph(BinaryMatrix x) {
      users = x.users;
      items = x.items;
      int nodes = users + items;
      ptr = new int[nodes + 1];
      nbr = new int[2 * x.nnz()];
      weight = new float[2 * x.nnz()];
      int n = 0;
      for (int u = 0; u < users; u++) {
        for (int p = x.userPtr[u]; p < x.userPtr[u + 1]; p++) {
          int i = x.userItems[p];
          nbr[n] = users + i;
          weight[n++] = (float) (1.0 / Math.sqrt((double) x.userDegree(u) * x.itemDegree(i)));
        }
        ptr[u + 1] = n;
      }
      for (int i = 0; i < items; i++) {
        for (int p = x.itemPtr[i]; p < x.itemPtr[i + 1]; p++) {
          int u = x.itemUsers[p];
          nbr[n] = u;
          weight[n++] = (float) (1.0 / Math.sqrt((double) x.userDegree(u) * x.itemDegree(i)));
        }
        ptr[users + i + 1] = n;
      }
    }

    int nodes() {
      return users + items;
    }
  }

  /**
   * {@code out = (x + A x + ... + A^K x) / (K + 1)}, rows of {@code f} floats; {@code a} and
   * {@code b} are scratch of the same size. The forward pass (x = E0) and, A being symmetric, the
   * backward pass (x = dLoss/dE) alike.
   */
  void propagate(Graph g, float[] x, float[] out, float[] a, float[] b, ExecutorService pool) {
    int f = factors;
    float scale = 1f / (layers + 1);
    int nodes = g.nodes();
    float[] cur = x;
    System.arraycopy(x, 0, out, 0, out.length);
    for (int k = 0; k < layers; k++) {
      float[] next = k % 2 == 0 ? a : b;
      float[] src = cur;
      forRange(pool, nodes, 256, (from, to) -> {
        for (int r = from; r < to; r++) {
          kernels.gatherRows(src, g.nbr, g.weight, g.ptr[r], g.ptr[r + 1], f, next, r * f);
          kernels.axpy(1f, next, r * f, out, r * f, f);
        }
      });
      cur = next;
    }
    forRange(pool, out.length, 1 << 14, (from, to) -> {
      for (int q = from; q < to; q++) {
        out[q] *= scale;
      }
    });
  }

  /** Runs {@code body} over [0, n) in blocks of {@code block}, on the pool when there is one. */
  static void forRange(ExecutorService pool, int n, int block, RangeBody body) {
    if (pool == null || n <= block) {
      body.run(0, n);
      return;
    }
    List<Future<?>> futures = new ArrayList<>();
    for (int start = 0; start < n; start += block) {
      int s = start;
      int e = Math.min(n, start + block);
      futures.add(pool.submit(() -> body.run(s, e)));
    }
    await(futures);
  }

  private static void await(List<Future<?>> futures) {
    try {
      for (Future<?> fu : futures) {
        fu.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("LightGCN training was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** A loop body over the index range [from, to). */
  interface RangeBody {
    void run(int from, int to);
  }

  /** Runs {@code body(c)} for c in [0, count) on the pool when there is one. */
  private static void forEach(ExecutorService pool, int count, IntConsumer body) {
    if (pool == null) {
      for (int c = 0; c < count; c++) {
        body.accept(c);
      }
      return;
    }
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      int cc = c;
      futures.add(pool.submit(() -> body.accept(cc)));
    }
    await(futures);
  }

  /** Splits the training pairs into train and held-out per user, seeded. */
  static BinaryMatrix[] holdOut(BinaryMatrix x, double fraction, long seed) {
    int[][] trainRows = new int[x.users][];
    int[][] validRows = new int[x.users][];
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int u = 0; u < x.users; u++) {
      int[] row = Arrays.copyOfRange(x.userItems, x.userPtr[u], x.userPtr[u + 1]);
      int held = row.length >= 5 ? (int) Math.floor(fraction * row.length) : 0;
      for (int k = row.length - 1; k > 0; k--) {
        int j = random.nextInt(k + 1);
        int t = row[k];
        row[k] = row[j];
        row[j] = t;
      }
      validRows[u] = Arrays.copyOfRange(row, 0, held);
      trainRows[u] = Arrays.copyOfRange(row, held, row.length);
    }
    return new BinaryMatrix[] {
        BinaryMatrix.ofRows(x.items, trainRows), BinaryMatrix.ofRows(x.items, validRows)};
  }

  /**
   * For the gradient check: the loss (mean BPR plus the L2 term) at layer-0 embeddings
   * {@code e0In} with one triple per pair of {@code x} and the given negatives (in pair order),
   * one batch; writes d(loss)/d(e0) to {@code gradOut}. Needs {@code valid_fraction = 0}.
   */
  double lossAndGradient(BinaryMatrix x, float[] e0In, int[] negatives, float[] gradOut) {
    if (validFraction != 0) {
      throw new IllegalStateException("lossAndGradient needs valid_fraction 0");
    }
    Run run = new Run(x, null, TrainingListener.NONE);
    System.arraycopy(e0In, 0, run.e0, 0, e0In.length);
    System.arraycopy(negatives, 0, run.neg, 0, negatives.length);
    Arrays.fill(run.batchOf, 0);
    double loss = run.lossAndGradient(0, x.nnz());
    System.arraycopy(run.gradE0, 0, gradOut, 0, gradOut.length);
    return loss;
  }

  /** One training run: the state of the optimiser and the scratch arrays. */
  private final class Run {
    final BinaryMatrix all;
    final BinaryMatrix train;
    final BinaryMatrix valid;
    final Graph graph;
    final ExecutorService pool;
    final TrainingListener listener;
    final int f = factors;
    final int nodes;
    final float[] e0;
    final float[] e;
    final float[] grad;
    final float[] gradE0;
    final float[] s1;
    final float[] s2;
    final float[] m;
    final float[] v;
    final float[][] itemGrad = new float[CHUNKS][];
    final int[][] itemCount = new int[CHUNKS][];
    final int[] chunkStart = new int[CHUNKS + 1];
    final int[] userOf;
    final int[] neg;
    final int[] batchOf;
    final double[] chunkLoss = new double[CHUNKS];
    int adamStep;

    Run(BinaryMatrix all, ExecutorService pool, TrainingListener listener) {
      this.all = all;
      this.pool = pool;
      this.listener = listener;
      if (validFraction > 0) {
        BinaryMatrix[] split = holdOut(all, validFraction, seed);
        train = split[0];
        valid = split[1].nnz() > 0 ? split[1] : null;
      } else {
        train = all;
        valid = null;
      }
      graph = new Graph(train);
      nodes = graph.nodes();
      e0 = new float[nodes * f];
      SplittableRandom random = new SplittableRandom(seed);
      for (int k = 0; k < e0.length; k++) {
        e0[k] = (float) (random.nextGaussian() * initStd);
      }
      e = new float[nodes * f];
      grad = new float[nodes * f];
      gradE0 = new float[nodes * f];
      s1 = new float[nodes * f];
      s2 = new float[nodes * f];
      m = new float[nodes * f];
      v = new float[nodes * f];
      // User chunks of about equal pair counts.
      int nnz = train.nnz();
      for (int c = 1, u = 0; c < CHUNKS; c++) {
        long target = (long) nnz * c / CHUNKS;
        while (u < train.users && train.userPtr[u] < target) {
          u++;
        }
        chunkStart[c] = u;
      }
      chunkStart[CHUNKS] = train.users;
      for (int c = 1; c <= CHUNKS; c++) {
        chunkStart[c] = Math.max(chunkStart[c], chunkStart[c - 1]);
      }
      for (int c = 0; c < CHUNKS; c++) {
        itemGrad[c] = new float[train.items * f];
        itemCount[c] = new int[train.items];
      }
      userOf = new int[nnz];
      for (int u = 0; u < train.users; u++) {
        Arrays.fill(userOf, train.userPtr[u], train.userPtr[u + 1], u);
      }
      neg = new int[nnz];
      batchOf = new int[nnz];
    }

    FactorModel fit() {
      float[] best = valid == null ? null : e0.clone();
      double bestRecall = -1;
      int bestEpoch = 0;
      int sinceBest = 0;
      int epoch = 0;
      for (; epoch < epochs && train.nnz() > 0; epoch++) {
        int[] sizes = sample(epoch);
        double loss = 0;
        for (int b = 0; b < batches; b++) {
          if (sizes[b] > 0) {
            loss += step(b, sizes[b]) * sizes[b];
          }
        }
        loss /= train.nnz();
        String note = String.format(java.util.Locale.ROOT, "loss %.4f", loss);
        if (valid != null && ((epoch + 1) % evalEvery == 0 || epoch + 1 == epochs)) {
          propagate(graph, e0, e, s1, s2, pool);
          double recall = validRecall();
          note += String.format(java.util.Locale.ROOT, ", valid Recall@10 %.4f", recall);
          if (recall > bestRecall) {
            bestRecall = recall;
            bestEpoch = epoch + 1;
            System.arraycopy(e0, 0, best, 0, e0.length);
            sinceBest = 0;
          } else if (++sinceBest >= patience) {
            listener.progress(epoch + 1, epochs, note + "; stopping, best at epoch " + bestEpoch);
            break;
          }
        }
        listener.progress(epoch + 1, epochs, note);
      }
      float[] finalE0 = best != null && bestRecall >= 0 ? best : e0;
      // Serve from the graph of all pairs, held-out ones included.
      Graph full = valid == null ? graph : new Graph(all);
      float[] out = new float[nodes * f];
      propagate(full, finalE0, out, s1, s2, pool);
      float[] userFactors = Arrays.copyOfRange(out, 0, all.users * f);
      for (int u = 0; u < all.users; u++) {
        if (all.userDegree(u) == 0) {
          Arrays.fill(userFactors, u * f, (u + 1) * f, 0f); // no signal: scores 0, as iALS
        }
      }
      float[] itemFactors = Arrays.copyOfRange(out, all.users * f, out.length);
      return new FactorModel("lightgcn", params, all.users, all.items, f, userFactors,
          itemFactors, new float[0]);
    }

    /** Draws this epoch's negatives and batch labels; returns each batch's size. */
    int[] sample(int epoch) {
      int[][] chunkSizes = new int[CHUNKS][batches];
      forEach(pool, CHUNKS, c -> {
        SplittableRandom random = new SplittableRandom(
            seed * 0x9E3779B97F4A7C15L + epoch * 1_000_003L + c);
        for (int p = train.userPtr[chunkStart[c]]; p < train.userPtr[chunkStart[c + 1]]; p++) {
          int u = userOf[p];
          int j;
          if (train.userDegree(u) == train.items) {
            j = -1;
          } else {
            do {
              j = random.nextInt(train.items);
            } while (train.contains(u, j));
          }
          neg[p] = j;
          int b = batches == 1 ? 0 : random.nextInt(batches);
          batchOf[p] = j < 0 ? -1 : b;
          if (j >= 0) {
            chunkSizes[c][b]++;
          }
        }
      });
      int[] sizes = new int[batches];
      for (int[] cs : chunkSizes) {
        for (int b = 0; b < batches; b++) {
          sizes[b] += cs[b];
        }
      }
      return sizes;
    }

    /**
     * Forward pass, BPR gradient over the triples of batch {@code b} ({@code size} of them),
     * backward pass, plus the L2 term: leaves d(loss)/d(E0) in {@link #gradE0}; returns the
     * batch's mean BPR loss plus the L2 term.
     */
    double lossAndGradient(int b, int size) {
      propagate(graph, e0, e, s1, s2, pool);
      double loss = gradient(train, userOf, neg, batchOf, b, size);
      propagate(graph, grad, gradE0, s1, s2, pool);
      float scale = reg / size;
      double[] l2 = new double[1];
      for (int node = 0; node < nodes; node++) {
        float c = regCount(node);
        if (c == 0) {
          continue;
        }
        int o = node * f;
        l2[0] += c * kernels.dot(e0, o, e0, o, f);
        kernels.axpy(scale * c, e0, o, gradE0, o, f);
      }
      return loss + 0.5 * scale * l2[0];
    }

    /** One Adam step on the triples of batch {@code b}; returns the batch's loss. */
    double step(int b, int size) {
      double loss = lossAndGradient(b, size);
      adamStep++;
      float c1 = (float) (1 - Math.pow(BETA1, adamStep));
      float c2 = (float) (1 - Math.pow(BETA2, adamStep));
      float lr = learningRate;
      forRange(pool, e0.length, 1 << 14, (from, to) -> {
        for (int q = from; q < to; q++) {
          float gq = gradE0[q];
          m[q] = BETA1 * m[q] + (1 - BETA1) * gq;
          v[q] = BETA2 * v[q] + (1 - BETA2) * gq * gq;
          e0[q] -= lr * (m[q] / c1) / ((float) Math.sqrt(v[q] / c2) + EPS);
        }
      });
      return loss;
    }

    /** Triples of the current batch that a node appears in (for the L2 term). */
    float regCount(int node) {
      return node < train.users ? userTriples[node] : itemTriples[node - train.users];
    }

    int[] userTriples;
    int[] itemTriples;

    /**
     * Fills {@link #grad} with d(mean BPR loss)/d(final embeddings) over the triples of batch
     * {@code b} and counts each node's triples; returns the mean loss.
     */
    double gradient(BinaryMatrix x, int[] userOf, int[] neg, int[] batchOf, int b, int size) {
      if (userTriples == null) {
        userTriples = new int[x.users];
        itemTriples = new int[x.items];
      }
      int[] uCount = userTriples;
      float inv = 1f / size;
      forEach(pool, CHUNKS, c -> {
        float[] ig = itemGrad[c];
        int[] ic = itemCount[c];
        Arrays.fill(ig, 0f);
        Arrays.fill(ic, 0);
        double lossSum = 0;
        int ub = graph.users * f;
        for (int u = chunkStart[c]; u < chunkStart[c + 1]; u++) {
          int uo = u * f;
          Arrays.fill(grad, uo, uo + f, 0f);
          int count = 0;
          for (int p = x.userPtr[u]; p < x.userPtr[u + 1]; p++) {
            if (batchOf[p] != b) {
              continue;
            }
            count++;
            int i = x.userItems[p];
            int j = neg[p];
            int io = ub + i * f;
            int jo = ub + j * f;
            float diff = kernels.dot(e, uo, e, io, f) - kernels.dot(e, uo, e, jo, f);
            // d softplus(-diff) / d diff = -sigmoid(-diff)
            double sig = 1.0 / (1.0 + Math.exp(diff));
            lossSum += diff > 0 ? Math.log1p(Math.exp(-diff)) : -diff + Math.log1p(Math.exp(diff));
            float g = (float) -sig * inv;
            kernels.axpy(g, e, io, grad, uo, f);
            kernels.axpy(-g, e, jo, grad, uo, f);
            kernels.axpy(g, e, uo, ig, i * f, f);
            kernels.axpy(-g, e, uo, ig, j * f, f);
            ic[i]++;
            ic[j]++;
          }
          uCount[u] = count;
        }
        chunkLoss[c] = lossSum;
      });
      int ib = graph.users * f;
      int items = x.items;
      forRange(pool, items, 128, (from, to) -> {
        for (int i = from; i < to; i++) {
          int io = ib + i * f;
          Arrays.fill(grad, io, io + f, 0f);
          int count = 0;
          for (int c = 0; c < CHUNKS; c++) {
            kernels.axpy(1f, itemGrad[c], i * f, grad, io, f);
            count += itemCount[c][i];
          }
          itemTriples[i] = count;
        }
      });
      double loss = 0;
      for (double l : chunkLoss) {
        loss += l;
      }
      return loss / size;
    }

    /** Recall@10 on the held-out pairs with the current final embeddings {@link #e}. */
    double validRecall() {
      int users = train.users;
      int items = train.items;
      double[] perUser = new double[users];
      int ub = users * f;
      forRange(pool, users, 64, (from, to) -> {
        float[] scores = new float[items];
        TopK top = new TopK(10);
        ItemFilter filter = new ItemFilter(items);
        int[] chosen = new int[10];
        for (int u = from; u < to; u++) {
          int held = valid.userDegree(u);
          if (held == 0) {
            perUser[u] = -1;
            continue;
          }
          for (int i = 0; i < items; i++) {
            scores[i] = kernels.dot(e, u * f, e, ub + i * f, f);
          }
          filter.clear();
          for (int p = train.userPtr[u]; p < train.userPtr[u + 1]; p++) {
            filter.exclude(train.userItems[p]);
          }
          int found = top.select(scores, items, filter, chosen, null);
          int hits = 0;
          for (int r = 0; r < found; r++) {
            if (valid.contains(u, chosen[r])) {
              hits++;
            }
          }
          perUser[u] = (double) hits / held;
        }
      });
      double sum = 0;
      int n = 0;
      for (double r : perUser) {
        if (r >= 0) {
          sum += r;
          n++;
        }
      }
      return n == 0 ? 0 : sum / n;
    }
  }
}
