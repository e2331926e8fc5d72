package dev.longview.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longview.algorithms.Algorithms;
import dev.longview.pipeline.PipelineConfig;
import dev.longview.pipeline.RetentionStage;
import dev.longview.pipeline.ValueRecallSettings;
import dev.longview.retention.CategorySlate;
import dev.longview.retention.LongTermValueEstimator;
import dev.longview.retention.RerankConfig;
import dev.longview.retention.StagePolicy;
import dev.longview.retention.StageSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the server runs. Checks itself on construction; {@link #defaults()} works as is.
 *
 * <p>The config file is one JSON object with any of these fields (unknown fields are refused):
 *
 * <pre>{@code
 * {
 *   "host": "127.0.0.1",
 *   "port": 8080,
 *   "apiKeys": [{"name": "app", "key": "0123456789abcdef01", "scopes": ["read", "write"]}],
 *   "maxBatchSize": 10000,
 *   "maxBodyBytes": 8388608,
 *   "model": "ials",
 *   "retrainInterval": "PT1H",
 *   "catalogueRefresh": "PT1M",
 *   "sequenceModel": "models/sasrec",
 *   "pipeline": {"recallLimit": 100, "anchorItems": 10, "trendingDays": 7,
 *                "weights": {"factors": 1.0, "itemknn": 1.0, "trending": 0.3, "new-items": 0.5,
 *                            "text": 0.5, "query": 3.0},
 *                "mmrLambda": 0.85, "mmrDepth": 50, "exactSearchBelow": 20000,
 *                "hnswM": 16, "hnswBeamWidth": 100, "hnswOversample": 3,
 *                "retentionSettings": {"candidates": 50, "stages": {"at_risk": {"valueWeight": 0.5}},
 *                                      "categoryPlan": {"pageSize": 10, "explore": 2, "minZ": 0}},
 *                "valueEstimator": {"empiricalBayes": true, "surrogate": true},
 *                "valueRecall": {"weight": 10, "size": 300}},
 *   "textEncoder": "tfidf"
 * }
 * }</pre>
 *
 * @param host interface to listen on; default 127.0.0.1 (loopback only)
 * @param port TCP port, 0 for any free one; default 8080
 * @param apiKeys keys with their scopes; empty means an open server (a warning is logged)
 * @param maxBatchSize most users, items or events in one request; default 10,000
 * @param maxBodyBytes largest request body; default 8 MiB
 * @param model the head of the serving chain: ials (default) or bpr (-> itemknn -> pop),
 *     itemknn or rp3beta (-> pop), or pop; see {@link PipelineConfig#chainFrom}
 * @param retrainInterval how often to retrain from the store; {@link Duration#ZERO} (default)
 *     means only at start-up and on {@code POST /api/v1/admin/train}
 * @param pipeline the pipeline's settings (its chain is replaced by the one {@code model}
 *     heads); default {@link PipelineConfig#defaults()}
 * @param textEncoder the encoder of text recall: {@code tfidf} (default: TF-IDF/BM25 fitted on
 *     the item texts at each training) or {@code onnx:DIR} (a sentence-embedding model exported
 *     to ONNX in directory DIR, opened once at start-up; only {@code longview serve} can open it,
 *     the server module itself does not depend on the ONNX runtime)
 * @param sequenceModel a sequential model bundle to serve as the {@code sequence} recall source:
 *     a bundle folder ({@code models/sasrec}: its newest version) or a version folder
 *     ({@code models/sasrec/v2}), relative to the working directory; null (default) for none. The
 *     server module does not load it (it does not depend on the deep-learning engine): the
 *     {@code serve} command does, and hands it to {@link LongviewServer#start(
 *     dev.longview.store.EventStore, ServerConfig, java.util.function.Function,
 *     dev.longview.pipeline.SequenceSource)}
 * @param catalogueRefresh how soon after an item that the current model does not know is stored
 *     (PUT or POST /api/v1/items) a retraining makes it recommendable (through category and text
 *     recall, the cold-start sources); several new items within this delay share one retraining;
 *     default one minute, {@link Duration#ZERO} to wait for the next scheduled or requested one
 * @param labResults a saved {@code longview lab run --json} output that the dashboard's Models
 *     page shows (re-read when the file changes); null (default) for none
 */
public record ServerConfig(String host, int port, List<ApiKey> apiKeys, int maxBatchSize,
    long maxBodyBytes, String model, Duration retrainInterval, PipelineConfig pipeline,
    String textEncoder, String sequenceModel, String labResults, Duration catalogueRefresh) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_BATCH = 10_000;
  public static final long DEFAULT_MAX_BODY = 8L << 20;
  public static final String DEFAULT_MODEL = "ials";
  public static final String DEFAULT_TEXT_ENCODER = "tfidf";
  public static final Duration DEFAULT_CATALOGUE_REFRESH = Duration.ofMinutes(1);

  public ServerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is empty; use e.g. 127.0.0.1 or 0.0.0.0");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port was " + port + "; use 0..65535 (0 picks a free port)");
    }
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    Set<String> names = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    for (ApiKey k : apiKeys) {
      if (!names.add(k.name())) {
        throw new IllegalArgumentException("API key name \"" + k.name() + "\" is used twice");
      }
      if (!secrets.add(k.key())) {
        throw new IllegalArgumentException("API keys \"" + k.name()
            + "\" and another one have the same secret; give each key its own");
      }
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize was " + maxBatchSize + "; use at least 1");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes was " + maxBodyBytes + "; use at least 1024");
    }
    if (model == null || !Algorithms.names().contains(model)) {
      throw new IllegalArgumentException("unknown model \"" + model + "\"; use one of "
          + String.join(", ", Algorithms.names()));
    }
    PipelineConfig.chainFrom(model);
    if (pipeline == null) {
      pipeline = PipelineConfig.defaults();
    }
    if (retrainInterval == null) {
      retrainInterval = Duration.ZERO;
    }
    if (textEncoder == null) {
      textEncoder = DEFAULT_TEXT_ENCODER;
    }
    if (!textEncoder.equals("tfidf") && !(textEncoder.startsWith("onnx:")
        && !textEncoder.substring("onnx:".length()).isBlank())) {
      throw new IllegalArgumentException("textEncoder \"" + textEncoder + "\" is unknown; use"
          + " \"tfidf\" (default) or \"onnx:/path/to/model-dir\"");
    }
    if (labResults != null && labResults.isBlank()) {
      throw new IllegalArgumentException("labResults is empty; give the path of a saved"
          + " `longview lab run --json` output, or leave the field out");
    }
    if (sequenceModel != null && sequenceModel.isBlank()) {
      throw new IllegalArgumentException("sequenceModel is empty; give a bundle folder such as"
          + " models/sasrec, or leave it out");
    }
    if (catalogueRefresh == null) {
      catalogueRefresh = DEFAULT_CATALOGUE_REFRESH;
    }
    if (catalogueRefresh.isNegative() || (!catalogueRefresh.isZero()
        && catalogueRefresh.compareTo(Duration.ofSeconds(1)) < 0)) {
      throw new IllegalArgumentException("catalogueRefresh was " + catalogueRefresh
          + "; use PT0S (new items wait for the next training) or at least PT1S");
    }
    if (retrainInterval.isNegative() || (!retrainInterval.isZero()
        && retrainInterval.compareTo(Duration.ofSeconds(10)) < 0)) {
      throw new IllegalArgumentException("retrainInterval was " + retrainInterval
          + "; use PT0S (never) or at least PT10S");
    }
  }

  /** A config with the default text encoder ({@code tfidf}). */
  public ServerConfig(String host, int port, List<ApiKey> apiKeys, int maxBatchSize,
      long maxBodyBytes, String model, Duration retrainInterval, PipelineConfig pipeline) {
    this(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval, pipeline,
        DEFAULT_TEXT_ENCODER, null, null, DEFAULT_CATALOGUE_REFRESH);
  }

  /** The directory of the ONNX text encoder, or null for the default TF-IDF encoder. */
  public Path onnxTextEncoder() {
    return textEncoder.startsWith("onnx:") ? Path.of(textEncoder.substring("onnx:".length()))
        : null;
  }

  public ServerConfig withLabResults(String labResults) {
    return new ServerConfig(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval,
        pipeline, textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  /** The saved lab comparison the dashboard shows, or null when none is configured. */
  public Path labResultsFile() {
    return labResults == null ? null : Path.of(labResults);
  }

  public ServerConfig withSequenceModel(String sequenceModel) {
    return new ServerConfig(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval,
        pipeline, textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, List.of(), DEFAULT_MAX_BATCH,
        DEFAULT_MAX_BODY, DEFAULT_MODEL, Duration.ZERO, PipelineConfig.defaults());
  }

  public ServerConfig withHost(String host) {
    return new ServerConfig(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval,
        pipeline, textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  public ServerConfig withPort(int port) {
    return new ServerConfig(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval,
        pipeline, textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  public ServerConfig withApiKeys(List<ApiKey> apiKeys) {
    return new ServerConfig(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval,
        pipeline, textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  public ServerConfig withMaxBatchSize(int maxBatchSize) {
    return new ServerConfig(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval,
        pipeline, textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  public ServerConfig withMaxBodyBytes(long maxBodyBytes) {
    return new ServerConfig(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval,
        pipeline, textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  public ServerConfig withModel(String model) {
    return new ServerConfig(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval,
        pipeline, textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  public ServerConfig withRetrainInterval(Duration retrainInterval) {
    return new ServerConfig(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval,
        pipeline, textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  public ServerConfig withPipeline(PipelineConfig pipeline) {
    return new ServerConfig(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval,
        pipeline, textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  public ServerConfig withCatalogueRefresh(Duration catalogueRefresh) {
    return new ServerConfig(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval,
        pipeline, textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  public ServerConfig withTextEncoder(String textEncoder) {
    return new ServerConfig(host, port, apiKeys, maxBatchSize, maxBodyBytes, model, retrainInterval,
        pipeline, textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  /** The pipeline settings with the chain that {@link #model()} heads. */
  public PipelineConfig servingPipeline() {
    return pipeline.withChain(PipelineConfig.chainFrom(model));
  }

  /** Whether requests need a key (false when no key is configured). */
  public boolean authEnabled() {
    return !apiKeys.isEmpty();
  }

  /** Reads a JSON config file; the message of a failure names the file and the field. */
  public static ServerConfig load(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses the JSON form described above; missing fields take their defaults. */
  public static ServerConfig parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("expected one JSON object");
    }
    Set<String> known = Set.of("host", "port", "apiKeys", "maxBatchSize", "maxBodyBytes", "model",
        "retrainInterval", "pipeline", "textEncoder", "sequenceModel", "labResults",
        "catalogueRefresh");
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException("unknown field \"" + f + "\"; known fields are "
            + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
    ServerConfig d = defaults();
    String host = root.has("host") ? text(root, "host") : d.host();
    int port = root.has("port") ? integer(root, "port") : d.port();
    int maxBatch = root.has("maxBatchSize") ? integer(root, "maxBatchSize") : d.maxBatchSize();
    long maxBody = root.has("maxBodyBytes") ? integer(root, "maxBodyBytes") : d.maxBodyBytes();
    String model = root.has("model") ? text(root, "model") : d.model();
    Duration retrain = root.has("retrainInterval") ? duration(root, "retrainInterval")
        : Duration.ZERO;
    Duration catalogueRefresh = root.has("catalogueRefresh") ? duration(root, "catalogueRefresh")
        : DEFAULT_CATALOGUE_REFRESH;
    List<ApiKey> keys = new ArrayList<>();
    JsonNode keysNode = root.get("apiKeys");
    if (keysNode != null && !keysNode.isNull()) {
      if (!keysNode.isArray()) {
        throw new IllegalArgumentException("apiKeys must be an array of {name, key, scopes}");
      }
      for (JsonNode k : keysNode) {
        if (!k.isObject() || !k.path("scopes").isArray()) {
          throw new IllegalArgumentException(
              "each of apiKeys must be an object {\"name\":..., \"key\":..., \"scopes\":[...]}");
        }
        Set<Scope> scopes = new LinkedHashSet<>();
        for (JsonNode s : k.get("scopes")) {
          scopes.add(Scope.parse(s.asText()));
        }
        keys.add(new ApiKey(k.path("name").asText(null), k.path("key").asText(null), scopes));
      }
    }
    PipelineConfig pipeline = root.has("pipeline") ? pipeline(root.get("pipeline"))
        : PipelineConfig.defaults();
    String textEncoder = root.has("textEncoder") ? text(root, "textEncoder") : d.textEncoder();
    String sequenceModel = root.has("sequenceModel") ? text(root, "sequenceModel") : null;
    String labResults = root.has("labResults") ? text(root, "labResults") : null;
    return new ServerConfig(host, port, keys, maxBatch, maxBody, model, retrain, pipeline,
        textEncoder, sequenceModel, labResults, catalogueRefresh);
  }

  private static Duration duration(JsonNode root, String field) {
    String text = text(root, field);
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " \"" + text
          + "\" is not an ISO-8601 duration (e.g. PT30S, PT30M, PT1H)", e);
    }
  }

  private static PipelineConfig pipeline(JsonNode p) {
    Set<String> known = Set.of("recallLimit", "anchorItems", "trendingDays", "weights",
        "mmrLambda", "mmrDepth", "exactSearchBelow", "hnswM", "hnswBeamWidth", "hnswOversample",
        "retention", "retentionSettings", "valueEstimator", "valueRecall");
    object(p, "pipeline", known);
    PipelineConfig d = PipelineConfig.defaults();
    java.util.Map<String, Double> weights = new java.util.LinkedHashMap<>();
    JsonNode w = p.get("weights");
    if (w != null) {
      if (!w.isObject()) {
        throw new IllegalArgumentException("pipeline.weights must be an object {source: number}");
      }
      for (Iterator<String> it = w.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!w.get(f).isNumber()) {
          throw new IllegalArgumentException("pipeline.weights." + f + " must be a number, was "
              + w.get(f));
        }
        weights.put(f, w.get(f).doubleValue());
      }
    }
    return new PipelineConfig(d.chain(),
        p.has("recallLimit") ? integer(p, "recallLimit") : d.recallLimit(),
        p.has("anchorItems") ? integer(p, "anchorItems") : d.anchorItems(),
        p.has("trendingDays") ? integer(p, "trendingDays") : d.trendingDays(),
        weights,
        p.has("mmrLambda") ? real(p, "mmrLambda") : d.mmrLambda(),
        p.has("mmrDepth") ? integer(p, "mmrDepth") : d.mmrDepth(),
        p.has("exactSearchBelow") ? integer(p, "exactSearchBelow") : d.exactSearchBelow(),
        p.has("hnswM") ? integer(p, "hnswM") : d.hnswM(),
        p.has("hnswBeamWidth") ? integer(p, "hnswBeamWidth") : d.hnswBeamWidth(),
        p.has("hnswOversample") ? integer(p, "hnswOversample") : d.hnswOversample(),
        p.has("retention") ? bool(p, "retention") : d.retention())
        .withValueEstimator(p.has("valueEstimator")
            ? valueEstimator(p.get("valueEstimator")) : d.valueEstimator())
        .withRerank(p.has("retentionSettings")
            ? retentionSettings(p.get("retentionSettings")) : d.rerank())
        .withValueRecall(p.has("valueRecall") ? valueRecall(p.get("valueRecall"))
            : d.valueRecall());
  }

  /**
   * {@code pipeline.valueRecall}: the value-aware recall source's blend weight and size (off by
   * default; the policy lab's {@code longview} uses weight 10 and 300 items).
   */
  static ValueRecallSettings valueRecall(JsonNode v) {
    String at = "pipeline.valueRecall";
    object(v, at, Set.of("weight", "size", "personal"));
    return wrap(at, () -> new ValueRecallSettings(
        v.has("weight") ? number(v, at, "weight") : 0,
        v.has("size") ? whole(v, at, "size") : 100,
        v.has("personal") && flag(v, at, "personal")));
  }

  /**
   * {@code pipeline.retentionSettings}: fields of {@link RerankConfig} over the serving defaults
   * ({@link RetentionStage#servingDefaults()}); each stage policy's fields over its own defaults.
   */
  static RerankConfig retentionSettings(JsonNode r) {
    String at = "pipeline.retentionSettings";
    object(r, at, Set.of("candidates", "valueUnit", "churnRiskBoost", "diversityWindow",
        "valueByRelevance", "stages", "categoryPlan"));
    RerankConfig d = RetentionStage.servingDefaults();
    Map<StagePolicy, StageSettings> stages = new EnumMap<>(StagePolicy.class);
    for (StagePolicy p : StagePolicy.values()) {
      stages.put(p, d.settings(p));
    }
    if (r.has("stages")) {
      JsonNode st = r.get("stages");
      Map<String, StagePolicy> byLabel = new java.util.TreeMap<>();
      for (StagePolicy p : StagePolicy.values()) {
        byLabel.put(p.label(), p);
      }
      object(st, at + ".stages", byLabel.keySet());
      for (Iterator<String> it = st.fieldNames(); it.hasNext(); ) {
        String label = it.next();
        String here = at + ".stages." + label;
        JsonNode o = st.get(label);
        object(o, here, Set.of("valueWeight", "useGateway", "diversity", "novelty",
            "exploration"));
        StageSettings x = stages.get(byLabel.get(label));
        stages.put(byLabel.get(label), wrap(here, () -> new StageSettings(
            o.has("valueWeight") ? number(o, here, "valueWeight") : x.valueWeight(),
            o.has("useGateway") ? flag(o, here, "useGateway") : x.useGateway(),
            o.has("diversity") ? number(o, here, "diversity") : x.diversityWeight(),
            o.has("novelty") ? number(o, here, "novelty") : x.noveltyWeight(),
            o.has("exploration") ? number(o, here, "exploration") : x.exploration())));
      }
    }
    CategorySlate plan = null;
    if (r.has("categoryPlan")) {
      String here = at + ".categoryPlan";
      JsonNode o = r.get("categoryPlan");
      object(o, here, Set.of("pageSize", "explore", "minZ"));
      plan = wrap(here, () -> new CategorySlate(
          o.has("pageSize") ? whole(o, here, "pageSize") : 10,
          o.has("explore") ? whole(o, here, "explore") : 2,
          o.has("minZ") ? number(o, here, "minZ") : 0));
    }
    CategorySlate slate = plan;
    return wrap(at, () -> new RerankConfig(stages,
        r.has("churnRiskBoost") ? number(r, at, "churnRiskBoost") : d.churnRiskBoost(),
        r.has("candidates") ? whole(r, at, "candidates") : d.candidates(),
        r.has("valueUnit") ? number(r, at, "valueUnit") : d.valueUnit(),
        r.has("diversityWindow") ? whole(r, at, "diversityWindow") : d.diversityWindow(),
        r.has("valueByRelevance") ? flag(r, at, "valueByRelevance") : d.valueByRelevance(),
        slate));
  }

  /** {@code pipeline.valueEstimator}: fields of the estimator's config over its defaults. */
  static LongTermValueEstimator.Config valueEstimator(JsonNode e) {
    String at = "pipeline.valueEstimator";
    object(e, at, Set.of("horizonDays", "itemShrinkage", "categoryShrinkage", "earlyDays",
        "empiricalBayes", "surrogate"));
    LongTermValueEstimator.Config d = LongTermValueEstimator.Config.defaults();
    return wrap(at, () -> new LongTermValueEstimator.Config(
        e.has("horizonDays") ? whole(e, at, "horizonDays") : d.horizonDays(),
        e.has("itemShrinkage") ? number(e, at, "itemShrinkage") : d.itemShrinkage(),
        e.has("categoryShrinkage") ? number(e, at, "categoryShrinkage") : d.categoryShrinkage(),
        e.has("earlyDays") ? whole(e, at, "earlyDays") : d.earlyDays(),
        e.has("empiricalBayes") ? flag(e, at, "empiricalBayes") : d.empiricalBayes(),
        e.has("surrogate") ? flag(e, at, "surrogate") : d.surrogate()));
  }

  private static void object(JsonNode o, String at, Set<String> known) {
    if (!o.isObject()) {
      throw new IllegalArgumentException(at + " must be an object, was " + o);
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException("unknown field \"" + at + "." + f
            + "\"; known fields are " + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
  }

  /** Builds a settings record, naming where in the file a value it refuses came from. */
  private static <T> T wrap(String at, java.util.function.Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(at)) {
        throw e;
      }
      throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
    }
  }

  private static String path(String at, String f) {
    return at == null ? f : at + "." + f;
  }

  private static double number(JsonNode o, String at, String f) {
    JsonNode n = o.get(f);
    if (!n.isNumber()) {
      throw new IllegalArgumentException(path(at, f) + " must be a number, was " + n);
    }
    return n.doubleValue();
  }

  private static int whole(JsonNode o, String at, String f) {
    JsonNode n = o.get(f);
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new IllegalArgumentException(path(at, f) + " must be an integer, was " + n);
    }
    return n.intValue();
  }

  private static boolean flag(JsonNode o, String at, String f) {
    JsonNode n = o.get(f);
    if (!n.isBoolean()) {
      throw new IllegalArgumentException(path(at, f) + " must be true or false, was " + n);
    }
    return n.booleanValue();
  }

  private static boolean bool(JsonNode root, String field) {
    return flag(root, "pipeline", field);
  }

  private static double real(JsonNode root, String field) {
    return number(root, null, field);
  }

  private static String text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (!n.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string, was " + n);
    }
    return n.asText();
  }

  private static int integer(JsonNode root, String field) {
    return whole(root, null, field);
  }
}
