package dev.longview.text.coldstart;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.model.TopK;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.text.ItemText;
import dev.longview.core.text.TextEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * New-item cold start, measured: can items that no one has interacted with yet be recommended
 * from their text? On a {@link ColdStartSplit}, every user with training items and at least one
 * consumed cold item gets a ranking of the cold items only; Recall@k (hits / the user's cold
 * items), NDCG@k (binary, ideal over min(|test|, k)) and Hit@k are averaged over those users.
 *
 * <p>Methods, all on the same users and the same cold items:
 * <ul>
 *   <li>{@code random}: a seeded random order (expected Recall@k about k / cold items);
 *   <li>{@code genre-pop}: non-personalised, what is known without interactions: a cold item
 *       scores the mean, over its categories, of the training interactions per warm item of that
 *       category (ties by index);
 *   <li>{@code text:VARIANT}: the user's profile (the normalised mean of the text vectors of their
 *       training items) against each cold item's vector, for text variants from categories only
 *       to title, categories and user tags (see {@link Variant}).
 * </ul>
 * With a collaborative trainer, the hybrid is measured too: every item ranked for the user's whole
 * test set (held-out warm plus cold items), training items excluded; {@code cf} alone (cold items
 * keep whatever the model gives items it never saw) against two ways of giving cold items a score
 * on the model's scale: {@code cf+text(neighbour mean)}, the similarity-weighted mean of the
 * model's scores of the cold item's {@code neighbours} nearest warm items by text (for a factor
 * model, the same as giving it the weighted mean of their factors; the mean regresses to the
 * middle, so such items rarely reach the top), and {@code cf+text(quantile)}, the model score at
 * the quantile that the cold item's text similarity to the user's profile has among the user's
 * warm candidates (see {@code quantileMap}).
 */
public final class ColdStartEvaluation {
  /** One tag (or review) text a user wrote on an item; {@code user} is -1 for an author with no interactions. */
  public record UserText(int user, String text) {}

  /** Which item text is encoded. */
  public enum Variant {
    /** Categories (genres) only. */
    GENRES("genres"),
    /** Title without a trailing release year such as " (1995)", and categories: what the year adds. */
    TITLE_NO_YEAR_GENRES("title-without-year+genres"),
    /** Title and categories: the catalogue's own metadata, known the moment an item arrives. */
    TITLE_GENRES("title+genres"),
    /** Title and categories; warm items add their user tags, cold items have none (strict). */
    WARM_TAGS("title+genres+tags(warm only)"),
    /**
     * Title, categories and user tags on every item, except that a user's own tags on a cold
     * item are removed when that user is ranked (their tag reveals the test item). Not strictly
     * cold: other users' tags are interactions of a kind.
     */
    OTHERS_TAGS("title+genres+tags(others')");

    final String label;

    Variant(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * Evaluation settings.
   *
   * @param ks cutoffs, e.g. [10, 50]
   * @param neighbours warm items whose scores a cold item borrows in the hybrid (default 20)
   * @param seed seed of the random baseline
   */
  public record Config(List<Integer> ks, int neighbours, long seed) {
    public Config {
      ks = List.copyOf(ks);
      if (ks.isEmpty() || ks.stream().anyMatch(k -> k < 1)) {
        throw new IllegalArgumentException("cutoffs were " + ks + "; give at least one k >= 1, e.g. 10,50");
      }
      if (neighbours < 1) {
        throw new IllegalArgumentException("neighbours was " + neighbours + "; use 1 or more (default 20)");
      }
    }
  }

  /** Mean metrics of one method, one value per cutoff of the config. */
  public record Scores(String method, int users, double[] recall, double[] ndcg, double[] hit,
      double[] coldRecall) {}

  /** Everything measured. {@code seconds} maps a step (e.g. "fit title+genres") to its time. */
  public record Result(List<Integer> ks, int users, int items, int coldItems, int trainInteractions,
      int coldTestInteractions, int warmTestInteractions, List<Scores> coldRanking,
      List<Scores> hybrid, String encoder, Map<String, Double> seconds, Map<String, Double> itemsPerSecond) {}

  private static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("\\s*\\(\\d{4}\\)\\s*$");

  private ColdStartEvaluation() {}

  /**
   * Runs every method on {@code split}. {@code tags} holds per item (dense index) the user tags;
   * {@code encoderFor} builds an encoder for a corpus (fitting it, for TF-IDF); {@code cf} may be
   * null to skip the hybrid.
   */
  public static Result run(ColdStartSplit split, List<List<UserText>> tags, List<Variant> variants,
      Function<List<String>, TextEncoder> encoderFor, Trainer cf, String cfName, Config config,
      Consumer<String> log) {
    InteractionSnapshot all = split.all;
    int n = all.itemCount();
    if (tags.size() != n) {
      throw new IllegalArgumentException(tags.size() + " tag lists for " + n + " items; give one (maybe empty) per item");
    }
    int[] users = java.util.stream.IntStream.range(0, all.userCount())
        .filter(u -> split.coldTest[u].length > 0 && split.trainItems[u].length > 0).toArray();
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, Double> rates = new LinkedHashMap<>();
    List<Scores> coldScores = new ArrayList<>();
    coldScores.add(rankCold("random", split, users, config, (u, out) -> {
      Random r = new Random(config.seed() * 1_000_003L + u);
      for (int k = 0; k < out.length; k++) {
        out[k] = r.nextFloat();
      }
    }));
    float[] genrePop = genrePopularity(split);
    coldScores.add(rankCold("genre-pop", split, users, config, (u, out) -> {
      for (int k = 0; k < out.length; k++) {
        out[k] = genrePop[split.coldItems[k]];
      }
    }));
    String encoderName = null;
    float[][] strictVectors = null;
    for (Variant variant : variants) {
      List<String> texts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        texts.add(text(all, i, variant, split.isCold(i), tags.get(i), -1));
      }
      long t0 = System.nanoTime();
      TextEncoder encoder = encoderFor.apply(texts);
      long t1 = System.nanoTime();
      float[][] vectors = encoder.encodeAll(texts);
      long t2 = System.nanoTime();
      encoderName = encoder.name();
      seconds.put("fit " + variant.label, (t1 - t0) / 1e9);
      seconds.put("encode " + variant.label, (t2 - t1) / 1e9);
      rates.put(variant.label, n / Math.max(1e-9, (t2 - t1) / 1e9));
      log.accept(String.format(java.util.Locale.ROOT, "%s: %s, fitted in %.2f s, %d items encoded in %.2f s",
          variant.label, encoder.name(), (t1 - t0) / 1e9, n, (t2 - t1) / 1e9));
      float[][] vec = vectors;
      coldScores.add(rankCold("text:" + variant.label, split, users, config, (u, out) -> {
        float[] profile = profile(vec, split.trainItems[u]);
        for (int k = 0; k < out.length; k++) {
          int c = split.coldItems[k];
          float[] v = vec[c];
          if (variant == Variant.OTHERS_TAGS && wroteOn(tags.get(c), u)) {
            v = encoder.encode(text(all, c, variant, true, tags.get(c), u));
          }
          out[k] = TextEncoder.dot(profile, v);
        }
      }));
      if (variant == Variant.TITLE_GENRES || strictVectors == null) {
        strictVectors = vectors;
      }
      encoder.close();
    }
    List<Scores> hybrid = new ArrayList<>();
    if (cf != null && strictVectors != null) {
      long t0 = System.nanoTime();
      Model model = cf.train(split.train);
      seconds.put("train " + cfName, (System.nanoTime() - t0) / 1e9);
      log.accept(String.format(java.util.Locale.ROOT, "%s trained in %.2f s", cfName, (System.nanoTime() - t0) / 1e9));
      int[][] nbr = new int[split.coldItems.length][];
      float[][] nbrWeight = new float[split.coldItems.length][];
      neighbours(split, strictVectors, config.neighbours(), nbr, nbrWeight);
      hybrid.add(rankAll(cfName, split, model, null, null, null, config));
      hybrid.add(rankAll(cfName + "+text(neighbour mean)", split, model, nbr, nbrWeight, null, config));
      hybrid.add(rankAll(cfName + "+text(quantile)", split, model, null, null, strictVectors, config));
    }
    return new Result(config.ks(), users.length, n, split.coldItemCount(), split.train.size(),
        split.coldTestCount(), split.warmTestCount(), coldScores, hybrid, encoderName, seconds, rates);
  }

  /** The text of item {@code i} in a variant; {@code withoutUser} drops that user's tags (-1: none). */
  static String text(InteractionSnapshot s, int i, Variant variant, boolean cold, List<UserText> tags,
      int withoutUser) {
    List<String> cats = s.itemCategories(i);
    return switch (variant) {
      case GENRES -> ItemText.of(null, null, cats, List.of());
      case TITLE_NO_YEAR_GENRES -> ItemText.of(s.itemTitle(i) == null ? null
          : YEAR.matcher(s.itemTitle(i)).replaceAll(""), null, cats, List.of());
      case TITLE_GENRES -> ItemText.of(s.itemTitle(i), null, cats, List.of());
      case WARM_TAGS -> ItemText.of(s.itemTitle(i), null, cats, cold ? List.of() : texts(tags, -1));
      case OTHERS_TAGS -> ItemText.of(s.itemTitle(i), null, cats, texts(tags, withoutUser));
    };
  }

  private static List<String> texts(List<UserText> tags, int withoutUser) {
    List<String> out = new ArrayList<>(tags.size());
    for (UserText t : tags) {
      if (withoutUser < 0 || t.user() != withoutUser) {
        out.add(t.text());
      }
    }
    return out;
  }

  private static boolean wroteOn(List<UserText> tags, int user) {
    for (UserText t : tags) {
      if (t.user() == user) {
        return true;
      }
    }
    return false;
  }

  static float[] profile(float[][] vectors, int[] items) {
    float[] p = new float[vectors[0].length];
    for (int i : items) {
      float[] v = vectors[i];
      for (int j = 0; j < p.length; j++) {
        p[j] += v[j];
      }
    }
    return TextEncoder.normalize(p);
  }

  /** Training interactions per warm item of each category, averaged over a cold item's categories. */
  static float[] genrePopularity(ColdStartSplit split) {
    InteractionSnapshot train = split.train;
    int categories = train.categoryNames().size();
    double[] interactions = new double[categories];
    int[] warmItems = new int[categories];
    for (int i = 0; i < train.itemCount(); i++) {
      if (split.isCold(i)) {
        continue;
      }
      for (int c : train.itemCategoryIndices(i)) {
        interactions[c] += train.itemDegree(i);
        warmItems[c]++;
      }
    }
    float[] score = new float[train.itemCount()];
    for (int i = 0; i < train.itemCount(); i++) {
      int[] cats = train.itemCategoryIndices(i);
      double s = 0;
      for (int c : cats) {
        s += warmItems[c] == 0 ? 0 : interactions[c] / warmItems[c];
      }
      score[i] = cats.length == 0 ? 0f : (float) (s / cats.length);
    }
    return score;
  }

  @FunctionalInterface
  interface ColdScorer {
    void score(int user, float[] coldScores);
  }

  private static Scores rankCold(String method, ColdStartSplit split, int[] users, Config config,
      ColdScorer scorer) {
    int kMax = config.ks().stream().mapToInt(Integer::intValue).max().orElseThrow();
    Metrics m = new Metrics(config.ks());
    float[] scores = new float[split.coldItems.length];
    TopK top = new TopK(kMax);
    int[] ranked = new int[kMax];
    for (int u : users) {
      scorer.score(u, scores);
      int found = top.select(scores, scores.length, null, ranked, null);
      for (int r = 0; r < found; r++) {
        ranked[r] = split.coldItems[ranked[r]];
      }
      m.add(ranked, found, split.coldTest[u], null);
    }
    return m.scores(method);
  }

  /** Full ranking (all items but the user's training items) for users with any test item. */
  private static Scores rankAll(String method, ColdStartSplit split, Model model, int[][] nbr,
      float[][] nbrWeight, float[][] vectors, Config config) {
    int kMax = config.ks().stream().mapToInt(Integer::intValue).max().orElseThrow();
    Metrics m = new Metrics(config.ks());
    int n = split.all.itemCount();
    float[] scores = new float[n];
    TopK top = new TopK(kMax);
    int[] ranked = new int[kMax];
    ItemFilter filter = new ItemFilter(n);
    for (int u = 0; u < split.all.userCount(); u++) {
      int[] relevant = merge(split.coldTest[u], split.warmTest[u]);
      if (relevant.length == 0 || split.trainItems[u].length == 0) {
        continue;
      }
      model.score(u, scores);
      if (nbr != null) {
        for (int k = 0; k < split.coldItems.length; k++) {
          if (nbr[k].length == 0) {
            continue;
          }
          double s = 0;
          double w = 0;
          for (int j = 0; j < nbr[k].length; j++) {
            s += nbrWeight[k][j] * scores[nbr[k][j]];
            w += nbrWeight[k][j];
          }
          scores[split.coldItems[k]] = (float) (s / w);
        }
      }
      filter.clear();
      for (int i : split.trainItems[u]) {
        filter.exclude(i);
      }
      if (vectors != null) {
        quantileMap(split, u, scores, vectors, filter);
      }
      int found = top.select(scores, n, filter, ranked, null);
      m.add(ranked, found, relevant, split.coldTest[u]);
    }
    return m.scores(method);
  }

  /**
   * Gives each cold item the model score found at the same quantile among the user's candidate
   * warm items as the cold item's text similarity (to the user's profile) has among theirs: a cold
   * item that text ranks above 99% of the warm candidates gets the model score that ranks above
   * 99% of them. Puts text scores on the model's scale per user, without a tuned weight.
   */
  private static void quantileMap(ColdStartSplit split, int u, float[] scores, float[][] vectors,
      ItemFilter consumed) {
    float[] profile = profile(vectors, split.trainItems[u]);
    int n = split.all.itemCount();
    float[] warmText = new float[n];
    float[] warmModel = new float[n];
    int w = 0;
    for (int i = 0; i < n; i++) {
      if (!split.isCold(i) && !consumed.excluded(i)) {
        warmText[w] = TextEncoder.dot(profile, vectors[i]);
        warmModel[w] = scores[i];
        w++;
      }
    }
    if (w == 0) {
      return;
    }
    Arrays.sort(warmText, 0, w);
    Arrays.sort(warmModel, 0, w);
    for (int c : split.coldItems) {
      float t = TextEncoder.dot(profile, vectors[c]);
      int below = lowerBound(warmText, w, t);
      int pos = (int) Math.min(w - 1, Math.round((double) below / w * (w - 1)));
      scores[c] = warmModel[pos];
    }
  }

  /** Number of values in sorted {@code a[0..n)} strictly below {@code x}. */
  private static int lowerBound(float[] a, int n, float x) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** For each cold item, its {@code k} most text-similar warm items (positive cosine only). */
  private static void neighbours(ColdStartSplit split, float[][] vectors, int k, int[][] nbr, float[][] weight) {
    int n = split.all.itemCount();
    java.util.stream.IntStream.range(0, split.coldItems.length).parallel().forEach(idx -> {
      float[] s = new float[n];
      float[] q = vectors[split.coldItems[idx]];
      for (int i = 0; i < n; i++) {
        s[i] = split.isCold(i) ? Float.NaN : TextEncoder.dot(q, vectors[i]);
      }
      TopK t = new TopK(k);
      int[] it = new int[k];
      float[] b = new float[k];
      int found = t.select(s, n, null, it, b);
      int positive = 0;
      while (positive < found && b[positive] > 0) {
        positive++;
      }
      nbr[idx] = Arrays.copyOf(it, positive);
      weight[idx] = Arrays.copyOf(b, positive);
    });
  }

  private static int[] merge(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    Arrays.sort(out);
    return out;
  }

  /** Recall, NDCG and Hit at each cutoff, summed over users; relevant arrays are sorted. */
  static final class Metrics {
    private final List<Integer> ks;
    private final double[] recall;
    private final double[] ndcg;
    private final double[] hit;
    private final double[] coldRecall;
    private int users;
    private int coldUsers;

    Metrics(List<Integer> ks) {
      this.ks = ks;
      recall = new double[ks.size()];
      ndcg = new double[ks.size()];
      hit = new double[ks.size()];
      coldRecall = new double[ks.size()];
    }

    void add(int[] ranked, int found, int[] relevant, int[] coldRelevant) {
      users++;
      if (coldRelevant != null && coldRelevant.length > 0) {
        coldUsers++;
      }
      for (int x = 0; x < ks.size(); x++) {
        int k = ks.get(x);
        int hits = 0;
        int coldHits = 0;
        double dcg = 0;
        for (int r = 0; r < Math.min(k, found); r++) {
          if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
            hits++;
            dcg += 1 / log2(r + 2);
            if (coldRelevant != null && Arrays.binarySearch(coldRelevant, ranked[r]) >= 0) {
              coldHits++;
            }
          }
        }
        double idcg = 0;
        for (int r = 0; r < Math.min(k, relevant.length); r++) {
          idcg += 1 / log2(r + 2);
        }
        recall[x] += (double) hits / relevant.length;
        ndcg[x] += dcg / idcg;
        hit[x] += hits > 0 ? 1 : 0;
        if (coldRelevant != null && coldRelevant.length > 0) {
          coldRecall[x] += (double) coldHits / coldRelevant.length;
        }
      }
    }

    Scores scores(String method) {
      double[] r = new double[ks.size()];
      double[] nd = new double[ks.size()];
      double[] h = new double[ks.size()];
      double[] cr = new double[ks.size()];
      for (int x = 0; x < ks.size(); x++) {
        r[x] = recall[x] / users;
        nd[x] = ndcg[x] / users;
        h[x] = hit[x] / users;
        cr[x] = coldUsers == 0 ? Double.NaN : coldRecall[x] / coldUsers;
      }
      return new Scores(method, users, r, nd, h, cr);
    }

    private static double log2(int x) {
      return Math.log(x) / Math.log(2);
    }
  }
}
