package dev.longview.eval;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.model.TopK;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Full-ranking evaluation of a trained {@link Model} on a {@link Split}: for every user with at
 * least one held-out item, the model scores all items, the shared {@link TopK} picks the best
 * max(k) among those the shared {@link ItemFilter} allows (not the user's training items, nor
 * validation items when testing), and the metrics of {@link RankingMetrics} and {@link
 * BeyondAccuracy} are computed for every k.
 *
 * <p>Users are spread over {@code threads} worker threads in blocks; every per-user value is
 * written to its own slot and means are summed in user order, so the report is the same, bit for
 * bit, whatever the thread count. Immutable and thread-safe; each call starts and stops its own
 * threads.
 */
public final class Evaluator {
  /** Which held-out part is scored. */
  public enum Target {
    /** Validation items, excluding training items (for tuning). */
    VALID,
    /** Test items, excluding training and validation items (for the report). */
    TEST
  }

  private static final int BLOCK = 32;
  private final int[] ks;
  private final int threads;

  /**
   * @param ks cutoffs, e.g. [10, 20]; each >= 1
   * @param threads worker threads, >= 1
   */
  public Evaluator(List<Integer> ks, int threads) {
    if (ks == null || ks.isEmpty() || ks.stream().anyMatch(k -> k == null || k < 1)) {
      throw new IllegalArgumentException("cutoffs were " + ks + "; give at least one k >= 1, e.g. 10,20");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads was " + threads + "; use at least 1");
    }
    this.ks = ks.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
    this.threads = threads;
  }

  public List<Integer> ks() {
    return Arrays.stream(ks).boxed().toList();
  }

  public Report evaluate(Model model, Split split, Target target) {
    InteractionSnapshot train = split.train();
    if (model.itemCount() != train.itemCount() || model.userCount() != train.userCount()) {
      throw new IllegalArgumentException("model covers " + model.userCount() + " users x "
          + model.itemCount() + " items but the split has " + train.userCount() + " x "
          + train.itemCount() + "; train the model on split.train()");
    }
    long start = System.nanoTime();
    HeldOut relevant = target == Target.TEST ? split.test() : split.valid();
    int[] users = java.util.stream.IntStream.range(0, train.userCount())
        .filter(u -> relevant.count(u) > 0).toArray();
    int kMax = ks[ks.length - 1];
    List<String> names = metricNames(hasCategories(train));
    Map<String, double[]> perUser = new LinkedHashMap<>();
    for (String name : names) {
      if (!name.startsWith("coverage") && !name.startsWith("gini")) {
        double[] values = new double[users.length];
        perUser.put(name, values);
      }
    }
    int[] lists = new int[users.length * kMax];
    int[] lengths = new int[users.length];
    Context ctx = new Context(model, train, target == Target.TEST ? split.valid() : null, relevant,
        users, kMax, lists, lengths, perUser, categories(train), trainCounts(train), train.size());
    run(ctx);

    Map<String, Double> means = new LinkedHashMap<>();
    Map<String, Double> ci95 = new LinkedHashMap<>();
    for (int k : ks) {
      int[] exposure = new int[train.itemCount()];
      for (int x = 0; x < users.length; x++) {
        for (int r = 0; r < Math.min(k, lengths[x]); r++) {
          exposure[lists[x * kMax + r]]++;
        }
      }
      for (String name : names) {
        if (!name.endsWith("@" + k)) {
          continue;
        }
        if (name.startsWith("coverage")) {
          means.put(name, BeyondAccuracy.coverage(exposure));
        } else if (name.startsWith("gini")) {
          means.put(name, BeyondAccuracy.gini(exposure));
        } else {
          double[] stats = meanAndCi(perUser.get(name));
          means.put(name, stats[0]);
          ci95.put(name, stats[1]);
        }
      }
    }
    return new Report(users.length, means, ci95, perUser, users, lists, lengths,
        (System.nanoTime() - start) / 1e9);
  }

  private List<String> metricNames(boolean categories) {
    List<String> names = new ArrayList<>();
    for (int k : ks) {
      for (String m : List.of("recall", "precision", "f1", "ndcg", "hit", "mrr", "map", "coverage",
          "ild", "novelty", "gini")) {
        if (!m.equals("ild") || (categories && k >= 2)) {
          names.add(m + "@" + k);
        }
      }
    }
    return names;
  }

  /** Mean over non-NaN values and the half-width of a normal 95% interval, 1.96 sd / sqrt(n). */
  static double[] meanAndCi(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double mean = sum / n;
    double sq = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sq += (v - mean) * (v - mean);
      }
    }
    double sd = n > 1 ? Math.sqrt(sq / (n - 1)) : 0;
    return new double[] {mean, 1.96 * sd / Math.sqrt(n)};
  }

  private record Context(Model model, InteractionSnapshot train, HeldOut alsoExcluded,
      HeldOut relevant, int[] users, int kMax, int[] lists, int[] lengths,
      Map<String, double[]> perUser, int[][] categories, int[] trainCounts, long trainTotal) {}

  private void run(Context ctx) {
    AtomicInteger next = new AtomicInteger();
    int blocks = (ctx.users.length + BLOCK - 1) / BLOCK;
    Runnable worker = () -> {
      Worker w = new Worker(ctx);
      for (int b; (b = next.getAndIncrement()) < blocks; ) {
        for (int x = b * BLOCK; x < Math.min(ctx.users.length, (b + 1) * BLOCK); x++) {
          w.evaluate(x);
        }
      }
    };
    if (threads == 1 || blocks <= 1) {
      worker.run();
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "longview-eval");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(worker));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluation was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Per-thread buffers. */
  private final class Worker {
    private final Context c;
    private final float[] scores;
    private final TopK topK;
    private final ItemFilter filter;
    private final BitSet relevantSet;
    private final int[] list;
    private final double[][] slots;
    private final String[] slotNames;

    Worker(Context c) {
      this.c = c;
      this.scores = new float[c.train.itemCount()];
      this.topK = new TopK(c.kMax);
      this.filter = new ItemFilter(c.train.itemCount());
      this.relevantSet = new BitSet(c.train.itemCount());
      this.list = new int[c.kMax];
      this.slotNames = c.perUser.keySet().toArray(String[]::new);
      this.slots = c.perUser.values().toArray(double[][]::new);
    }

    void evaluate(int x) {
      int user = c.users[x];
      filter.clear();
      InteractionSnapshot t = c.train;
      for (int p = t.userStart(user); p < t.userEnd(user); p++) {
        filter.exclude(t.itemAt(p));
      }
      if (c.alsoExcluded != null) {
        for (int p = c.alsoExcluded.start(user); p < c.alsoExcluded.end(user); p++) {
          filter.exclude(c.alsoExcluded.itemAt(p));
        }
      }
      relevantSet.clear();
      for (int p = c.relevant.start(user); p < c.relevant.end(user); p++) {
        relevantSet.set(c.relevant.itemAt(p));
      }
      int relevantCount = relevantSet.cardinality();
      c.model.score(user, scores);
      int length = topK.select(scores, t.itemCount(), filter, list, null);
      System.arraycopy(list, 0, c.lists, x * c.kMax, length);
      c.lengths[x] = length;
      for (int s = 0; s < slotNames.length; s++) {
        String name = slotNames[s];
        int at = name.indexOf('@');
        int k = Integer.parseInt(name.substring(at + 1));
        int len = Math.min(k, length);
        slots[s][x] = switch (name.substring(0, at)) {
          case "recall" -> RankingMetrics.recall(list, length, relevantSet, relevantCount, k);
          case "precision" -> RankingMetrics.precision(list, length, relevantSet, k);
          case "f1" -> RankingMetrics.f1(list, length, relevantSet, relevantCount, k);
          case "ndcg" -> RankingMetrics.ndcg(list, length, relevantSet, relevantCount, k);
          case "hit" -> RankingMetrics.hit(list, length, relevantSet, k);
          case "mrr" -> RankingMetrics.mrr(list, length, relevantSet, k);
          case "map" -> RankingMetrics.map(list, length, relevantSet, relevantCount, k);
          case "ild" -> BeyondAccuracy.ild(list, len, c.categories);
          case "novelty" -> BeyondAccuracy.novelty(list, len, c.trainCounts, c.trainTotal);
          default -> throw new AssertionError(name);
        };
      }
    }
  }

  private static boolean hasCategories(InteractionSnapshot s) {
    return !s.categoryNames().isEmpty();
  }

  private static int[][] categories(InteractionSnapshot s) {
    int[][] out = new int[s.itemCount()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.itemCategoryIndices(i);
      Arrays.sort(out[i]);
    }
    return out;
  }

  private static int[] trainCounts(InteractionSnapshot s) {
    int[] out = new int[s.itemCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.itemDegree(i);
    }
    return out;
  }
}
