package dev.longview.pipeline;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import dev.longview.eval.BeyondAccuracy;
import dev.longview.importer.ImportRequest;
import dev.longview.importer.Importer;
import dev.longview.importer.ProgressListener;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * BENCHMARKS.md "Policy lab", "Retention re-ranking on real logs": the standard pipeline with the
 * retention stage against the same pipeline without it (myopic: blend + MMR), over the SAME
 * trained {@link ModelSet}, on a global time split of a real log. Skipped unless asked for:
 *
 * <pre>
 * mvn -B -o test -pl longview-pipeline -Dtest=RetentionRealLogsBench \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dlongview.bench.retention=online-retail,ml-latest-small
 * </pre>
 *
 * Splits (both by default, {@code -Dlongview.bench.split=global,user}): the file is imported (the
 * project's importer and SQLite store, snapshot weights as served). {@code global}: the cutoff is
 * the time of the 80th percentile interaction; train = every interaction before it. {@code user}:
 * each user with at least 5 interactions keeps the earliest 80% of their own interactions (time
 * order) in train and the latest 20% are test. Test = each train user's distinct items with
 * positive weight in the test part that are in the training catalogue (interacted with in train)
 * and that the user had not consumed in train. Users with no test item are not evaluated. The
 * "now" of the lifecycle states is the newest training interaction. Metrics over the top 10: NDCG@10 (binary relevance), catalogue coverage (share
 * of training items recommended to anyone), ILD over item categories (BeyondAccuracy; NaN where
 * items have no categories).
 *
 * <p>Switches: {@code -Dlongview.bench.scales=0.1,1} (value weight scales of the default stage
 * settings), {@code -Dlongview.bench.plan=PAGE/EXPLORE/MINZ} (with a category plan),
 * {@code -Dlongview.bench.estimator=lab}, {@code -Dlongview.bench.variant=SETTINGS} (the retention
 * stage in {@link RetentionStage#variant} notation; {@code -Dlongview.bench.engine=lab} = the
 * policy lab's whole {@code longview}, {@link RetentionStage#LAB_SETTINGS}),
 * {@code -Dlongview.bench.store=FILE} (also the logs of an existing SQLite store, e.g. a lab run
 * kept by {@code LabDiagnostics -Dlabdiag.keep=FILE}; {@code -Dlongview.bench.retention=,} for
 * that store only), {@code -Dlongview.bench.evidence=true} (print the estimator's evidence
 * statistics, {@link RetentionSignals#evidence}).
 */
@EnabledIfSystemProperty(named = "longview.bench.retention", matches = ".+")
class RetentionRealLogsBench {
  static final Map<String, String[]> DATA = Map.of(
      "online-retail", new String[] {"online-retail", "online-retail/online_retail.csv.gz"},
      "ml-latest-small", new String[] {"movielens-latest", "ml-latest-small"});

  @TempDir Path dir;

  @Test
  void retentionVersusMyopic() throws Exception {
    // -Dlongview.bench.store=FILE: also the logs of an existing SQLite store (e.g. a policy lab
    // run kept with LabDiagnostics -Dlabdiag.keep=FILE)
    String kept = System.getProperty("longview.bench.store");
    if (kept != null) {
      InteractionSnapshot all;
      try (EventStore store = EventStore.open(kept)) {
        all = store.snapshot();
      }
      System.out.printf(Locale.ROOT, "BENCH %s: %d users, %d items, %d interactions%n", kept,
          all.userCount(), all.itemCount(), all.size());
      for (String split : System.getProperty("longview.bench.split", "global,user").split(",")) {
        run(Path.of(kept).getFileName().toString(), all, split);
      }
    }
    for (String name : System.getProperty("longview.bench.retention").split(",")) {
      if (name.isBlank()) {
        continue;
      }
      String[] d = DATA.get(name);
      Path input = Path.of(System.getProperty("longview.bench.data", "../../shared/data"))
          .resolve(d[1]);
      if (!Files.exists(input)) {
        input = Path.of("/work/shared/data").resolve(d[1]);
      }
      Assumptions.assumeTrue(Files.exists(input), "skipped: " + input + " is absent");
      InteractionSnapshot all;
      long t = System.nanoTime();
      try (EventStore store = EventStore.open(dir.resolve(name + ".db").toString())) {
        try (StoreWriter w = store.writer()) {
          Importer.run(ImportRequest.of(d[0], input), w, ProgressListener.NONE);
        }
        all = store.snapshot();
      }
      System.out.printf(Locale.ROOT, "BENCH %s: %d users, %d items, %d interactions, imported in"
          + " %.1f s%n", name, all.userCount(), all.itemCount(), all.size(), (System.nanoTime() - t) / 1e9);
      for (String split : System.getProperty("longview.bench.split", "global,user").split(",")) {
        run(name, all, split);
      }
    }
  }

  private static void run(String name, InteractionSnapshot all, String split) {
    long[] times = new long[all.size()];
    for (int p = 0; p < all.size(); p++) {
      times[p] = all.epochSecondAt(p);
    }
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    long cutoff = sorted[(int) (0.8 * sorted.length)];
    boolean[] isTest = new boolean[all.size()];
    for (int u = 0; u < all.userCount(); u++) {
      int deg = all.userEnd(u) - all.userStart(u);
      for (int p = all.userStart(u); p < all.userEnd(u); p++) {
        isTest[p] = split.equals("global") ? all.epochSecondAt(p) >= cutoff
            : deg >= 5 && p - all.userStart(u) >= (int) (0.8 * deg);
      }
    }
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < all.userCount(); u++) {
      b.addUser(all.userId(u), null, null);
    }
    for (int i = 0; i < all.itemCount(); i++) {
      b.addItem(all.itemId(i), all.itemCategories(i), all.itemTitle(i), null, all.itemHidden(i));
    }
    BitSet inTrain = new BitSet(all.itemCount());
    for (int u = 0; u < all.userCount(); u++) {
      for (int p = all.userStart(u); p < all.userEnd(u); p++) {
        if (!isTest[p]) {
          b.addInteraction(u, all.itemAt(p), all.weightAt(p), all.epochSecondAt(p));
          inTrain.set(all.itemAt(p));
        }
      }
    }
    InteractionSnapshot train = b.build();
    int[][] test = new int[all.userCount()][];
    int evaluated = 0;
    long testItems = 0;
    for (int u = 0; u < all.userCount(); u++) {
      int tu = train.userIndex(all.userId(u));
      if (tu < 0 || train.userDegree(tu) == 0) {
        continue;
      }
      BitSet seen = new BitSet();
      for (int p = train.userStart(tu); p < train.userEnd(tu); p++) {
        seen.set(train.itemAt(p));
      }
      BitSet held = new BitSet();
      for (int p = all.userStart(u); p < all.userEnd(u); p++) {
        int i = all.itemAt(p);
        if (isTest[p] && all.weightAt(p) > 0 && inTrain.get(i)
            && !seen.get(i)) {
          held.set(train.itemIndex(all.itemId(i)));
        }
      }
      if (!held.isEmpty()) {
        test[u] = held.stream().toArray();
        evaluated++;
        testItems += test[u].length;
      }
    }
    long t = System.nanoTime();
    // -Dlongview.bench.estimator=lab: long-term values from the lab's estimator (empirical Bayes
    // and the continuation surrogate, RetentionStage.labEstimator()) instead of the fixed one
    // -Dlongview.bench.variant=SPEC: the retention stage with these settings (RetentionStage
    // .variant notation, e.g. RetentionStage.LAB_SETTINGS = the policy lab's whole `longview`;
    // -Dlongview.bench.engine=lab is short for that); its estimator also trains the model set
    String spec = "lab".equals(System.getProperty("longview.bench.engine"))
        ? RetentionStage.LAB_SETTINGS : System.getProperty("longview.bench.variant");
    PipelineConfig variant = spec == null ? null
        : RetentionStage.variant(PipelineConfig.defaults(), spec);
    // -Dlongview.bench.estimator=lab: long-term values from the lab's estimator (empirical Bayes
    // and the continuation surrogate, RetentionStage.labEstimator()) instead of the fixed one
    PipelineConfig base = variant != null ? variant
        : "lab".equals(System.getProperty("longview.bench.estimator"))
            ? PipelineConfig.defaults().withValueEstimator(RetentionStage.labEstimator())
            : PipelineConfig.defaults();
    ModelSet models = ModelSet.train(train, base, 42);
    double trainSecs = (System.nanoTime() - t) / 1e9;
    System.out.printf(Locale.ROOT, "BENCH %s split %s: cutoff %s, train %d interactions, %d users"
        + " evaluated, %d test items; ModelSet (chain %s + retention signals from %d sessions)"
        + " trained in %.1f s%n", name, split, split.equals("global")
        ? java.time.Instant.ofEpochSecond(cutoff).toString() : "per user (last 20%)", train.size(),
        evaluated, testItems, base.chain(), models.retention().sessions(), trainSecs);
    if (Boolean.getBoolean("longview.bench.evidence")) {
      System.out.printf(Locale.ROOT, "BENCH %s split %s evidence: %s%n", name, split,
          RetentionSignals.evidence(train, models.referenceEpochSecond, base.valueEstimator()));
    }
    int[][] categories = new int[train.itemCount()][];
    int catalogue = 0;
    for (int i = 0; i < train.itemCount(); i++) {
      categories[i] = train.itemCategoryIndices(i).clone();
      Arrays.sort(categories[i]);
      if (inTrain.get(all.itemIndex(train.itemId(i)))) {
        catalogue++;
      }
    }
    String[] scales = System.getProperty("longview.bench.scales", "").isBlank() ? new String[0]
        : System.getProperty("longview.bench.scales").split(",");
    for (int v = -1; v <= scales.length; v++) {
      boolean retention = v >= 0;
      double scale = v < 0 || v == scales.length ? RetentionStage.SERVING_VALUE_SCALE
          : Double.parseDouble(scales[v]);
      // -Dlongview.bench.plan=PAGE/EXPLORE/MINZ: the retention stage with a category plan
      String plan = System.getProperty("longview.bench.plan", "");
      dev.longview.retention.CategorySlate slate = plan.isBlank() ? null
          : new dev.longview.retention.CategorySlate(Integer.parseInt(plan.split("/")[0]),
              Integer.parseInt(plan.split("/")[1]), Double.parseDouble(plan.split("/")[2]));
      Pipeline pipeline = variant != null && retention ? Pipeline.standard(variant)
          : Pipeline.standard(base.withRetention(retention).withRerank(
              RetentionStage.scaled(dev.longview.retention.RerankConfig.defaults(), scale)
                  .withCategorySlate(slate)));
      int[] exposure = new int[catalogue];
      int[] catalogueIndex = new int[train.itemCount()];
      int c = 0;
      for (int i = 0; i < train.itemCount(); i++) {
        catalogueIndex[i] = inTrain.get(all.itemIndex(train.itemId(i))) ? c++ : -1;
      }
      double ndcg = 0;
      double ild = 0;
      int ildUsers = 0;
      Map<String, Integer> stages = new TreeMap<>();
      Map<String, double[]> ndcgByStage = new TreeMap<>();
      long start = System.nanoTime();
      for (int u = 0; u < all.userCount(); u++) {
        if (test[u] == null) {
          continue;
        }
        Recommendation r = pipeline.recommend(models, new RecommendRequest(all.userId(u), 10, 0,
            null, null, null, null, null, null, false), null);
        int[] list = new int[r.items().size()];
        double dcg = 0;
        for (int k = 0; k < list.length; k++) {
          list[k] = train.itemIndex(r.items().get(k).itemId());
          if (catalogueIndex[list[k]] >= 0) {
            exposure[catalogueIndex[list[k]]]++;
          }
          if (Arrays.binarySearch(test[u], list[k]) >= 0) {
            dcg += 1 / (Math.log(k + 2) / Math.log(2));
          }
        }
        double idcg = 0;
        for (int k = 0; k < Math.min(10, test[u].length); k++) {
          idcg += 1 / (Math.log(k + 2) / Math.log(2));
        }
        ndcg += dcg / idcg;
        stages.merge(r.stage(), 1, Integer::sum);
        double[] s = ndcgByStage.computeIfAbsent(r.stage(), k -> new double[2]);
        s[0] += dcg / idcg;
        s[1]++;
        double x = BeyondAccuracy.ild(list, list.length, categories);
        if (!Double.isNaN(x)) {
          ild += x;
          ildUsers++;
        }
      }
      double secs = (System.nanoTime() - start) / 1e9;
      StringBuilder per = new StringBuilder();
      ndcgByStage.forEach((k, w) -> per.append(String.format(Locale.ROOT, " %s=%.4f(n=%d)", k,
          w[0] / w[1], (int) w[1])));
      System.out.printf(Locale.ROOT, "BENCH %s %s %-9s %s NDCG@10 %.4f  coverage %.4f  ILD %s  users %d"
          + "  (%.1f ms/request)  stages %s  NDCG by stage:%s%n", name, split,
          retention ? "retention" : "myopic", !retention ? "-" : variant != null ? spec
              : String.format(Locale.ROOT, "x%.2f", scale), ndcg / evaluated, BeyondAccuracy.coverage(exposure),
          ildUsers == 0 ? "n/a (no categories)" : String.format(Locale.ROOT, "%.4f", ild / ildUsers),
          evaluated, secs * 1000 / evaluated, stages, per);
    }
  }
}
