package dev.longview.server;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.eval.BeyondAccuracy;
import dev.longview.pipeline.Recommendation;
import dev.longview.pipeline.RecommendRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What the dashboard reads from the serving side: the current model bundle and recommendations
 * through the same code path as {@code GET /api/v1/recommend/{userId}}. The one place where the
 * analytics endpoints touch {@link Recommender} and {@link ModelBundle}, so that a change there
 * is adapted here only.
 */
interface DashboardServing {
  /**
   * The loaded model bundle.
   *
   * @param interactions interactions in the training snapshot
   */
  record ModelSummary(String name, long version, Instant trainedAt, double trainingSeconds,
      int users, int items, long interactions, double bytesPerInteraction) {}

  /** The current bundle, or null while the first training runs. */
  ModelSummary model();

  /**
   * Recommendations for {@code userId} as the recommend endpoint gives them ({@code userId},
   * {@code items} with {@code itemId}, {@code score}, {@code reasons}, plus the item's
   * {@code title} and {@code categories}; {@code model}, {@code modelVersion}).
   *
   * @throws IllegalStateException when no model is loaded
   */
  Map<String, Object> recommend(String userId, int n);

  /**
   * Catalogue coverage, exposure Gini and intra-list diversity (categories) of the top-{@code n}
   * lists of up to {@code users} users of the training snapshot drawn with {@code seed}, with
   * the evaluator's definitions ({@link BeyondAccuracy}); null when no model is loaded.
   */
  Map<String, Object> coverage(int users, int n, long seed);

  /** A plain request: no context, no exclusions, with reasons. */
  private static RecommendRequest request(String userId, int n) {
    return new RecommendRequest(userId, n, 0, null, Set.of(), null, null, null, null, true);
  }

  /** The binding to the server's {@link Recommender}. */
  static DashboardServing of(Recommender recommender) {
    return new DashboardServing() {
      @Override
      public ModelSummary model() {
        ModelBundle b = recommender.current();
        if (b == null) {
          return null;
        }
        InteractionSnapshot s = b.snapshot();
        return new ModelSummary(b.modelName(), b.version(), b.trainedAt(), b.trainingSeconds(),
            s.userCount(), s.itemCount(), s.size(), s.bytesPerInteraction());
      }

      @Override
      public Map<String, Object> recommend(String userId, int n) {
        Recommender.Page page = recommender.recommend(request(userId, n));
        InteractionSnapshot s = page.bundle().snapshot();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Recommendation.Item r : page.result().items()) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("itemId", r.itemId());
          o.put("score", r.score());
          o.put("reasons", r.reasons());
          int i = s.itemIndex(r.itemId());
          o.put("title", i < 0 ? null : s.itemTitle(i));
          o.put("categories", i < 0 ? List.of() : s.itemCategories(i));
          items.add(o);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("userId", userId);
        o.put("items", items);
        o.put("model", page.result().model());
        o.put("modelVersion", page.bundle().version());
        return o;
      }

      @Override
      public Map<String, Object> coverage(int users, int n, long seed) {
        ModelBundle b = recommender.current();
        if (b == null) {
          return null;
        }
        InteractionSnapshot s = b.snapshot();
        int items = s.itemCount();
        int[] exposure = new int[items];
        int[][] categories = new int[items][];
        for (int i = 0; i < items; i++) {
          categories[i] = s.itemCategoryIndices(i).clone();
          java.util.Arrays.sort(categories[i]);
        }
        int sample = Math.min(users, s.userCount());
        int[] chosen = sampleUsers(s.userCount(), sample, seed);
        double ildSum = 0;
        int ildLists = 0;
        long shown = 0;
        int[] list = new int[n];
        for (int u : chosen) {
          Recommender.Page page = recommender.recommend(request(s.userId(u), n));
          int len = 0;
          for (Recommendation.Item r : page.result().items()) {
            int i = s.itemIndex(r.itemId());
            if (i >= 0) {
              exposure[i]++;
              list[len++] = i;
              shown++;
            }
          }
          double ild = BeyondAccuracy.ild(list, len, categories);
          if (!Double.isNaN(ild)) {
            ildSum += ild;
            ildLists++;
          }
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("modelVersion", b.version());
        o.put("sampledUsers", sample);
        o.put("n", n);
        o.put("seed", seed);
        o.put("catalogueItems", items);
        o.put("recommendations", shown);
        o.put("coverage", AnalyticsReports.round(BeyondAccuracy.coverage(exposure), 4));
        o.put("exposureGini", AnalyticsReports.round(BeyondAccuracy.gini(exposure), 4));
        o.put("intraListDiversity", ildLists == 0 ? null
            : AnalyticsReports.round(ildSum / ildLists, 4));
        return o;
      }
    };
  }

  /** {@code k} distinct indices of {@code 0..n-1}, sorted, drawn with {@code seed}. */
  private static int[] sampleUsers(int n, int k, long seed) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    Random random = new Random(seed);
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] out = java.util.Arrays.copyOf(all, k);
    java.util.Arrays.sort(out);
    return out;
  }
}
