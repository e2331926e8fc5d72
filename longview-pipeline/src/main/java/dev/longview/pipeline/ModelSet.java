package dev.longview.pipeline;

import dev.longview.algorithms.Algorithms;
import dev.longview.algorithms.FactorView;
import dev.longview.algorithms.ItemNeighbours;
import dev.longview.core.model.Model;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.text.ItemText;
import dev.longview.core.text.TextEncoder;
import dev.longview.rank.Embeddings;
import dev.longview.rank.Ranker;
import dev.longview.rank.RankerModel;
import dev.longview.text.TextIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Everything one training produced, served as a whole: the snapshot (ids, histories, side data),
 * the models of the chain (each trained, or failed with the reason), and what the recall sources
 * precompute from them (the item-vector index, trending order, new items by category, the text
 * index of the {@code text} recall source).
 * Immutable and thread-safe; a new one replaces it atomically in the server.
 *
 * <p><b>Fallback chain.</b> {@link PipelineConfig#chain()} lists the models best first, e.g.
 * {@code ials -> itemknn -> pop}. A model whose training throws is kept as {@link Status#failed}
 * with the message, and its recall source is skipped; a request is served by the first model of
 * the chain that is trained and can serve it (a factor model needs a known user or items to fold
 * in; an item-to-item model needs at least one item of the user); {@code pop} (trending and
 * popularity, computed without training) always can. {@link #statuses()} is what
 * {@code /health/ready} reports.
 */
public final class ModelSet {
  /** One model of the chain: trained ("ready") or not ("failed"), with timing or the reason. */
  public record Status(String model, String state, String detail, double seconds) {
    static Status ready(String model, double seconds) {
      return new Status(model, "ready", null, seconds);
    }

    static Status failed(String model, String reason, double seconds) {
      return new Status(model, "failed", reason, seconds);
    }

    public boolean isReady() {
      return state.equals("ready");
    }
  }

  private final InteractionSnapshot snapshot;
  private final PipelineConfig config;
  private final List<Status> statuses;
  private final FactorView factors;
  private final String factorName;
  private final ItemNeighbours neighbours;
  private final String neighbourName;
  private final VectorIndex itemIndex;
  final float[] popularity;
  /** Items hidden in the snapshot. */
  final BitSet hidden;
  final float[] trending;
  final int[] trendingOrder;
  /** Per category index: items without interactions (not hidden), in index order. */
  final int[][] newItemsByCategory;
  /** The factor model's item vectors scaled to norm 1 (for cosine similarity), or null. */
  final float[] unitItemVectors;
  /** The newest event time of the snapshot (the "now" of trending and user stages). */
  final long referenceEpochSecond;
  /** The sequential model matched to this snapshot's items, or null when none is loaded. */
  private final SequenceSource.Mapped sequence;
  /** The retention stage's signals, or null (off, or their training failed). */
  private final RetentionSignals retention;
  /**
   * Text vectors of the snapshot's items (title and categories), in snapshot item order, or null
   * when the encoder failed; built with the models so that it is swapped with them.
   */
  private final TextIndex textIndex;
  /** {@link #textIndex} in the form text recall scores from (sparse when the vectors are). */
  final TextVectors textVectors;
  /**
   * The learned ranking stage over this snapshot (a view of a {@link RankerModel} trained apart,
   * sharing its booster), or null: the pipeline then ranks by the blend.
   */
  private final Ranker ranker;
  /**
   * Per-request working arrays for this catalogue ({@link Scratch}): at most 64 sets, and at most
   * ~64 MB of them.
   */
  final Scratch.Pool scratch;
  /**
   * The ranker's per-user inputs, computed with the ranker (eagerly when the set has one, on
   * first use otherwise: {@link PipelineRanker} builds its training groups from a set without a
   * ranker).
   */
  private volatile UserSignalTable userSignals;

  private ModelSet(InteractionSnapshot snapshot, PipelineConfig config, List<Status> statuses,
      FactorView factors, String factorName, ItemNeighbours neighbours, String neighbourName,
      TextIndex textIndex, SequenceSource sequence, RankerModel rankerModel) {
    this.snapshot = snapshot;
    this.sequence = sequence == null ? null : sequence.mapTo(snapshot);
    this.textIndex = textIndex;
    this.textVectors = textIndex == null ? null : TextVectors.of(textIndex);
    this.config = config;
    this.statuses = Collections.unmodifiableList(statuses);
    this.factors = factors;
    this.factorName = factorName;
    this.neighbours = neighbours;
    this.neighbourName = neighbourName;
    int items = snapshot.itemCount();
    this.scratch = new Scratch.Pool(items,
        (int) Math.max(2, Math.min(64, (64L << 20) / (16L * Math.max(items, 1)))));
    long newest = Long.MIN_VALUE;
    for (int p = 0; p < snapshot.size(); p++) {
      newest = Math.max(newest, snapshot.epochSecondAt(p));
    }
    this.referenceEpochSecond = snapshot.size() == 0 ? 0 : newest;
    long from = referenceEpochSecond - config.trendingDays() * 86_400L;
    this.hidden = new BitSet(items);
    for (int i = 0; i < items; i++) {
      if (snapshot.itemHidden(i)) {
        hidden.set(i);
      }
    }
    this.popularity = new float[items];
    this.trending = new float[items];
    for (int i = 0; i < items; i++) {
      int all = 0;
      for (int p = snapshot.itemStart(i); p < snapshot.itemEnd(i); p++) {
        if (snapshot.weightAtColumn(p) > 0) {
          all++;
        }
      }
      popularity[i] = all;
    }
    // The CSC holds no times: count the trending window through the users' rows.
    for (int u = 0; u < snapshot.userCount(); u++) {
      for (int p = snapshot.userStart(u); p < snapshot.userEnd(u); p++) {
        if (snapshot.epochSecondAt(p) > from && snapshot.weightAt(p) > 0) {
          trending[snapshot.itemAt(p)] += 1f;
        }
      }
    }
    // Trending: events in the window, ties (and an empty window) broken by all-time popularity.
    float maxPop = 1;
    for (float p : popularity) {
      maxPop = Math.max(maxPop, p);
    }
    for (int i = 0; i < items; i++) {
      trending[i] += popularity[i] / (maxPop + 1);
    }
    Integer[] order = new Integer[items];
    for (int i = 0; i < items; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> trending[a] != trending[b] ? Float.compare(trending[b], trending[a])
        : Integer.compare(a, b));
    this.trendingOrder = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    List<List<Integer>> byCat = new ArrayList<>();
    for (int c = 0; c < snapshot.categoryNames().size(); c++) {
      byCat.add(new ArrayList<>());
    }
    for (int i = 0; i < items; i++) {
      if (snapshot.itemDegree(i) == 0 && !snapshot.itemHidden(i)) {
        for (int c : snapshot.itemCategoryIndices(i)) {
          byCat.get(c).add(i);
        }
      }
    }
    this.newItemsByCategory = new int[byCat.size()][];
    for (int c = 0; c < byCat.size(); c++) {
      newItemsByCategory[c] = byCat.get(c).stream().mapToInt(Integer::intValue).toArray();
    }
    if (factors != null) {
      int f = factors.factors();
      float[] vectors = new float[items * f];
      float[] v = new float[f];
      for (int i = 0; i < items; i++) {
        factors.itemVector(i, v);
        System.arraycopy(v, 0, vectors, i * f, f);
      }
      this.itemIndex = VectorIndex.build(vectors, items, f, config);
      this.unitItemVectors = new float[items * f];
      for (int i = 0; i < items; i++) {
        double n2 = 0;
        for (int d = 0; d < f; d++) {
          n2 += (double) vectors[i * f + d] * vectors[i * f + d];
        }
        float inv = n2 > 0 ? (float) (1 / Math.sqrt(n2)) : 0f;
        for (int d = 0; d < f; d++) {
          unitItemVectors[i * f + d] = vectors[i * f + d] * inv;
        }
      }
    } else {
      this.itemIndex = null;
      this.unitItemVectors = null;
    }
    RetentionSignals r = null;
    if (config.retention()) {
      try {
        r = RetentionSignals.learn(snapshot, referenceEpochSecond, config.valueEstimator());
      } catch (RuntimeException e) {
        System.getLogger(ModelSet.class.getName()).log(System.Logger.Level.WARNING,
            "learning the retention signals failed; recommendations use MMR only", e);
      }
    }
    this.retention = r;
    Ranker rk = null;
    if (rankerModel != null) {
      try {
        rk = rankerModel.on(snapshot, embeddings(factors));
      } catch (RuntimeException e) {
        System.getLogger(ModelSet.class.getName()).log(System.Logger.Level.WARNING,
            "binding the ranker to the new snapshot failed; the blend ranks until the next"
                + " training", e);
      }
    }
    this.ranker = rk;
    if (rk != null) {
      this.userSignals = UserSignalTable.learn(snapshot, referenceEpochSecond, retention);
    }
  }

  /**
   * The ranker's inputs for snapshot user {@code user} (-1: unknown): lifecycle state, churn risk
   * and purchase value as of the snapshot's newest event ({@link UserSignalTable}).
   */
  public dev.longview.rank.UserSignals userSignals(int user) {
    UserSignalTable t = userSignals;
    if (t == null) {
      synchronized (this) {
        t = userSignals;
        if (t == null) {
          t = UserSignalTable.learn(snapshot, referenceEpochSecond, retention);
          userSignals = t;
        }
      }
    }
    return t.of(user);
  }

  /** The factor model's vectors as the ranker's embeddings, or null without a factor model. */
  static Embeddings embeddings(FactorView fv) {
    if (fv == null) {
      return null;
    }
    int f = fv.factors();
    float[] users = new float[fv.userCount() * f];
    float[] items = new float[fv.itemCount() * f];
    float[] v = new float[f];
    for (int u = 0; u < fv.userCount(); u++) {
      fv.userVector(u, v);
      System.arraycopy(v, 0, users, u * f, f);
    }
    for (int i = 0; i < fv.itemCount(); i++) {
      fv.itemVector(i, v);
      System.arraycopy(v, 0, items, i * f, f);
    }
    return new Embeddings(f, users, items);
  }

  /** The learned ranker bound to this snapshot, or null (none loaded, or binding failed). */
  public Ranker ranker() {
    return ranker;
  }

  /** The retention stage's signals (long-term values, user states), or null when off. */
  public RetentionSignals retention() {
    return retention;
  }

  /**
   * Trains every model of {@code config.chain()} on {@code snapshot} with the registry's tuned
   * defaults and {@code seed}; a model whose training fails is recorded, not thrown.
   */
  public static ModelSet train(InteractionSnapshot snapshot, PipelineConfig config, long seed) {
    return train(snapshot, config, Map.of(), seed);
  }

  /**
   * As {@link #train(InteractionSnapshot, PipelineConfig, long)}, with {@code trainers}
   * replacing the registry's trainer for the models it names (tests inject failures this way).
   */
  public static ModelSet train(InteractionSnapshot snapshot, PipelineConfig config,
      Map<String, Trainer> trainers, long seed) {
    return train(snapshot, config, trainers, seed, TextEncoderFactory.tfidf());
  }

  /**
   * As {@link #train(InteractionSnapshot, PipelineConfig, Map, long)}, with the text index of
   * the {@code text} recall source encoded by the encoder {@code text} gives for the snapshot's
   * item texts (a failure there is logged and leaves text recall empty; it fails no model).
   */
  public static ModelSet train(InteractionSnapshot snapshot, PipelineConfig config,
      Map<String, Trainer> trainers, long seed, TextEncoderFactory text) {
    return train(snapshot, config, trainers, seed, text, null);
  }

  /**
   * As {@link #train(InteractionSnapshot, PipelineConfig, Map, long, TextEncoderFactory)},
   * serving also the sequential model {@code sequence} (trained apart, not retrained here; may be
   * null) through {@link SequenceRecall}, its items matched to {@code snapshot}'s by id.
   */
  public static ModelSet train(InteractionSnapshot snapshot, PipelineConfig config,
      Map<String, Trainer> trainers, long seed, TextEncoderFactory text, SequenceSource sequence) {
    return train(snapshot, config, trainers, seed, text, sequence, null);
  }

  /**
   * As {@link #train(InteractionSnapshot, PipelineConfig, Map, long, TextEncoderFactory,
   * SequenceSource)}, ranking with {@code ranker} (trained apart, e.g. loaded from a model bundle;
   * may be null for the blend): its features are computed on {@code snapshot} with the factor
   * model trained here. The caller keeps ownership of {@code ranker} and closes it after the last
   * model set that uses it.
   */
  public static ModelSet train(InteractionSnapshot snapshot, PipelineConfig config,
      Map<String, Trainer> trainers, long seed, TextEncoderFactory text, SequenceSource sequence,
      RankerModel ranker) {
    List<Status> statuses = new ArrayList<>();
    FactorView factors = null;
    String factorName = null;
    ItemNeighbours neighbours = null;
    String neighbourName = null;
    for (String name : config.chain()) {
      if (name.equals("pop")) {
        statuses.add(Status.ready("pop", 0));
        continue;
      }
      long start = System.nanoTime();
      try {
        Trainer t = trainers.containsKey(name) ? trainers.get(name)
            : Algorithms.trainer(name, Map.of(), seed);
        Model m = t.train(snapshot);
        double secs = (System.nanoTime() - start) / 1e9;
        if (m instanceof FactorView fv && PipelineConfig.FACTOR_MODELS.contains(name)) {
          factors = fv;
          factorName = name;
        } else if (m instanceof ItemNeighbours nb && PipelineConfig.NEIGHBOUR_MODELS.contains(name)) {
          neighbours = nb;
          neighbourName = name;
        } else {
          throw new IllegalStateException("model " + name + " gave a " + m.getClass().getSimpleName()
              + ", which the pipeline cannot serve from");
        }
        statuses.add(Status.ready(name, secs));
      } catch (RuntimeException | OutOfMemoryError e) {
        System.getLogger(ModelSet.class.getName()).log(System.Logger.Level.WARNING,
            "training " + name + " failed; requests fall back down the chain " + config.chain(), e);
        statuses.add(Status.failed(name, String.valueOf(e.getMessage()),
            (System.nanoTime() - start) / 1e9));
      }
    }
    return new ModelSet(snapshot, config, statuses, factors, factorName, neighbours, neighbourName,
        textIndex(snapshot, text), sequence, ranker);
  }

  /** The text of item {@code item} as the snapshot keeps it: title, then categories. */
  static String itemText(InteractionSnapshot snapshot, int item) {
    return ItemText.of(snapshot.itemTitle(item), null, snapshot.itemCategories(item), List.of());
  }

  private static TextIndex textIndex(InteractionSnapshot snapshot, TextEncoderFactory factory) {
    long start = System.nanoTime();
    try {
      int n = snapshot.itemCount();
      List<String> ids = new ArrayList<>(n);
      List<String> texts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ids.add(snapshot.itemId(i));
        texts.add(itemText(snapshot, i));
      }
      TextEncoder encoder = factory.create(texts);
      TextIndex index = TextIndex.build(encoder, ids, texts);
      System.getLogger(ModelSet.class.getName()).log(System.Logger.Level.DEBUG,
          () -> "text index " + encoder.name() + " over " + n + " items in "
              + String.format(java.util.Locale.ROOT, "%.2f s", (System.nanoTime() - start) / 1e9));
      return index;
    } catch (RuntimeException e) {
      System.getLogger(ModelSet.class.getName()).log(System.Logger.Level.WARNING,
          "building the text index failed; text recall is off until the next training", e);
      return null;
    }
  }

  public InteractionSnapshot snapshot() {
    return snapshot;
  }

  public PipelineConfig config() {
    return config;
  }

  /** Each model of the chain in order, trained or failed. */
  public List<Status> statuses() {
    return statuses;
  }

  /** The first trained model of the chain: what a known user with history is served by. */
  public String primary() {
    for (Status s : statuses) {
      if (s.isReady()) {
        return s.model();
      }
    }
    return "pop";
  }

  /** The trained factor model, or null (not in the chain, or failed). */
  public FactorView factors() {
    return factors;
  }

  String factorName() {
    return factorName;
  }

  /** The trained item-to-item model, or null. */
  public ItemNeighbours neighbours() {
    return neighbours;
  }

  String neighbourName() {
    return neighbourName;
  }

  /** The sequential model matched to this snapshot, or null when none is loaded. */
  SequenceSource.Mapped sequence() {
    return sequence;
  }

  /** The loaded sequential model, or null. */
  public SequenceSource sequenceSource() {
    return sequence == null ? null : sequence.source();
  }

  /**
   * The text vectors of the snapshot's items (dense indices are the snapshot's), or null when
   * the text encoder failed.
   */
  public TextIndex textIndex() {
    return textIndex;
  }

  /** The index over the factor model's item vectors, or null without a factor model. */
  public VectorIndex itemIndex() {
    return itemIndex;
  }
}
