package dev.longview.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longview.core.snapshot.InteractionSnapshot;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained LambdaMART model on its own, apart from the snapshot it was trained on: the LightGBM
 * booster and what is needed to compute its features again on another snapshot (the recall source
 * names in row order, the device vocabulary, the time zone and the recent-popularity window).
 * What a model bundle stores ({@link #writeTo}, {@link #read}) and what a server keeps across
 * retrainings: each new snapshot gets a {@link Ranker} view through {@link #on}, sharing this
 * booster.
 *
 * <p>Files: {@value #MODEL_FILE} (LightGBM's own model text, readable by any LightGBM) and
 * {@value #META_FILE} (format version, sources, devices, lifecycle stages, zone, window, feature
 * names, training size). Immutable and thread-safe; holds a native booster until {@link #close}, after which no
 * {@link Ranker} made from it may be used.
 */
public final class RankerModel implements AutoCloseable {
  /** LightGBM model text. */
  public static final String MODEL_FILE = "ranker.txt";
  /** The ranker's metadata (JSON). */
  public static final String META_FILE = "ranker.json";
  /**
   * Format 2 added the user signal features (lifecycle stage, churn risk, monetary value and
   * their crosses) and the stage vocabulary. A format-1 bundle is refused with a message to
   * retrain: its trees index a shorter feature row, and serving it would silently ignore the
   * signals the caller now supplies.
   */
  static final int FORMAT = 2;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final List<String> sources;
  private final Map<String, Integer> devices;
  private final Map<String, Integer> stages;
  private final String text;
  private final ZoneId zone;
  private final int recentDays;
  private final int threads;
  private final int trainGroups;
  private final int trainRows;
  private final List<String> names;
  private final List<String> labels;
  private final int width;
  final LGBMBooster booster;

  RankerModel(List<String> sources, Map<String, Integer> devices, Map<String, Integer> stages,
      String text, ZoneId zone, int recentDays, int threads, int trainGroups, int trainRows) {
    this.sources = List.copyOf(sources);
    this.devices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devices));
    this.stages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    this.text = text;
    this.zone = zone;
    this.recentDays = recentDays;
    this.threads = threads;
    this.trainGroups = trainGroups;
    this.trainRows = trainRows;
    this.names = RankerFeatures.names(sources);
    this.labels = RankerFeatures.labels(sources);
    this.width = RankerFeatures.width(sources.size());
    LightGbmNatives.ensureLoaded();
    try {
      this.booster = LGBMBooster.loadModelFromString(text);
    } catch (LGBMException e) {
      throw new IllegalArgumentException("LightGBM could not load the ranker model: "
          + e.getMessage(), e);
    }
    try {
      int features = booster.getNumFeature();
      if (features != width) {
        booster.close();
        throw new IllegalArgumentException("the LightGBM model has " + features + " features but "
            + sources.size() + " recall sources " + sources + " give " + width
            + "; the model text and its metadata do not belong together");
      }
    } catch (LGBMException e) {
      throw new IllegalArgumentException("LightGBM failed: " + e.getMessage(), e);
    }
  }

  /** Recall source names, in the order of a request's {@code sourceScores}. */
  public List<String> sources() {
    return sources;
  }

  /** Devices seen in training, with their category codes. */
  public Map<String, Integer> devices() {
    return devices;
  }

  /** Lifecycle stages seen in training, with their category codes. */
  public Map<String, Integer> stages() {
    return stages;
  }

  /** The time zone of the hour-of-day, weekday and daypart features. */
  public ZoneId zone() {
    return zone;
  }

  /** The window of the item's recent popularity feature, in days. */
  public int recentDays() {
    return recentDays;
  }

  /** LightGBM prediction threads. */
  public int threads() {
    return threads;
  }

  public int trainGroups() {
    return trainGroups;
  }

  public int trainRows() {
    return trainRows;
  }

  /** LightGBM's model text. */
  public String text() {
    return text;
  }

  List<String> names() {
    return names;
  }

  List<String> labels() {
    return labels;
  }

  int width() {
    return width;
  }

  /**
   * A ranker over {@code snapshot}'s statistics, with {@code factors} (user and item vectors of a
   * factor model trained on that snapshot, or null) for the embedding features; it shares this
   * model's booster (closing it does nothing: close this model instead).
   */
  public Ranker on(InteractionSnapshot snapshot, Embeddings factors) {
    return new Ranker(RankerFeatures.of(snapshot, factors, null, zone, recentDays), this, false);
  }

  /**
   * Writes {@value #MODEL_FILE} and {@value #META_FILE} into {@code dir} and returns their names
   * (the {@code BundleContent} contract of a model bundle).
   */
  public List<String> writeTo(Path dir) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", FORMAT);
    o.put("kind", "lambdamart");
    sources.forEach(o.putArray("sources")::add);
    ObjectNode d = o.putObject("devices");
    devices.forEach(d::put);
    ObjectNode st = o.putObject("stages");
    stages.forEach(st::put);
    o.put("zone", zone.getId());
    o.put("recentDays", recentDays);
    o.put("threads", threads);
    o.put("trainGroups", trainGroups);
    o.put("trainRows", trainRows);
    names.forEach(o.putArray("features")::add);
    Files.writeString(dir.resolve(MODEL_FILE), text, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(META_FILE), JSON.writeValueAsString(o), StandardCharsets.UTF_8);
    return List.of(MODEL_FILE, META_FILE);
  }

  /**
   * Reads a model that {@link #writeTo} wrote into {@code dir}.
   *
   * @throws IllegalArgumentException when a file is missing or damaged; the message names it
   */
  public static RankerModel read(Path dir) throws IOException {
    Path meta = dir.resolve(META_FILE);
    Path model = dir.resolve(MODEL_FILE);
    if (!Files.isRegularFile(meta) || !Files.isRegularFile(model)) {
      throw new IllegalArgumentException(dir + " holds no ranker (" + META_FILE + " and "
          + MODEL_FILE + " expected); train one with `longview train --model ranker`");
    }
    JsonNode n;
    try {
      n = JSON.readTree(meta.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(meta + " is not valid JSON (" + e.getMessage()
          + "); the bundle is damaged: train again", e);
    }
    if (n.path("format").asInt() == 1) {
      throw new IllegalArgumentException(meta + " has format 1, written before the ranker's user"
          + " signal features (lifecycle stage, churn risk, monetary value); this version reads"
          + " format " + FORMAT + " only: train the ranker again (`longview train --model ranker`)"
          + " and serve the new bundle");
    }
    if (n.path("format").asInt() != FORMAT) {
      throw new IllegalArgumentException(meta + " has format " + n.path("format")
          + "; this version reads format " + FORMAT + ": train the ranker again");
    }
    try {
      List<String> sources = new ArrayList<>();
      n.get("sources").forEach(s -> sources.add(s.asText()));
      Map<String, Integer> devices = new LinkedHashMap<>();
      n.get("devices").fields().forEachRemaining(e -> devices.put(e.getKey(), e.getValue().asInt()));
      Map<String, Integer> stages = new LinkedHashMap<>();
      n.get("stages").fields().forEachRemaining(e -> stages.put(e.getKey(), e.getValue().asInt()));
      List<String> features = new ArrayList<>();
      n.get("features").forEach(s -> features.add(s.asText()));
      if (!features.equals(RankerFeatures.names(sources))) {
        throw new IllegalArgumentException(meta + " lists features " + features + " but this"
            + " version computes " + RankerFeatures.names(sources) + "; train the ranker again");
      }
      return new RankerModel(sources, devices, stages,
          Files.readString(model, StandardCharsets.UTF_8),
          ZoneId.of(n.get("zone").asText()), n.get("recentDays").asInt(),
          Math.max(1, n.get("threads").asInt()), n.get("trainGroups").asInt(),
          n.get("trainRows").asInt());
    } catch (NullPointerException | DateTimeException e) {
      throw new IllegalArgumentException(meta + " lacks a field or has a malformed one (" + e
          + "); the bundle is damaged: train again", e);
    }
  }

  /** Total gain of each feature over all trees, largest first (readable names). */
  public Map<String, Double> importance() {
    try {
      double[] gain = booster.featureImportance(0, LGBMBooster.FeatureImportanceType.GAIN);
      Integer[] order = new Integer[gain.length];
      for (int k = 0; k < order.length; k++) {
        order[k] = k;
      }
      java.util.Arrays.sort(order, java.util.Comparator
          .comparingDouble((Integer k) -> -gain[k]).thenComparing(k -> k));
      Map<String, Double> out = new LinkedHashMap<>();
      for (int k : order) {
        out.put(labels.get(k), gain[k]);
      }
      return out;
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      booster.close();
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM failed to free the booster: " + e.getMessage(), e);
    }
  }
}
