package dev.longview.text.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.longview.core.text.TextEncoder;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A BERT-family sentence encoder (e.g. an ONNX export of sentence-transformers'
 * all-MiniLM-L6-v2) run with ONNX Runtime, its text split by the HuggingFace tokenizers library
 * through DJL. Nothing is downloaded: the user supplies a model directory holding
 * {@code model.onnx} (or {@code onnx/model.onnx}, the layout of sentence-transformers
 * repositories) and {@code tokenizer.json}.
 *
 * <p>Per batch of texts: tokenize each (special tokens added, truncated to
 * {@link Config#maxLength()} tokens), pad to the longest with id 0 and mask 0, feed
 * {@code input_ids}, {@code attention_mask} and, when the graph declares it, {@code token_type_ids}
 * (all zeros: one segment); take the token output ({@code last_hidden_state}, else
 * {@code token_embeddings}, else the first output) of shape [batch, tokens, hidden], average it
 * over the tokens whose mask is 1 (the mean pooling of Reimers and Gurevych 2019,
 * Sentence-BERT), and L2-normalise. A graph whose output is already pooled ([batch, hidden]) is
 * only normalised.
 *
 * <p>Thread-safe: ONNX Runtime sessions run concurrently; tokenization is serialised (it is
 * cheap next to the model). {@link #close()} frees the session and the tokenizer.
 */
public final class OnnxSentenceEncoder implements TextEncoder {
  /**
   * How to run the encoder.
   *
   * @param maxLength tokens per text, special tokens included (default 256, all-MiniLM-L6-v2's
   *     training length; BERT's position table holds 512)
   * @param batchSize texts per ONNX Runtime call in {@link #encodeAll} (default 32)
   * @param threads ONNX Runtime intra-op threads; 0 lets it choose (default 0)
   */
  public record Config(int maxLength, int batchSize, int threads) {
    public Config {
      if (maxLength < 2) {
        throw new IllegalArgumentException("maxLength was " + maxLength + "; use at least 2 (room for [CLS] and [SEP]; default 256)");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize was " + batchSize + "; use at least 1 (default 32)");
      }
      if (threads < 0) {
        throw new IllegalArgumentException("threads was " + threads + "; use 0 (ONNX Runtime chooses) or more");
      }
    }

    public static Config defaults() {
      return new Config(256, 32, 0);
    }
  }

  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final Set<String> KNOWN_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

  private final Path directory;
  private final Config config;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean wantsTokenTypes;
  private final boolean intInputs;
  private final String output;
  private final boolean pooledOutput;
  private final int dimension;
  private volatile boolean closed;

  private OnnxSentenceEncoder(Path directory, Config config, OrtEnvironment env, OrtSession session,
      HuggingFaceTokenizer tokenizer, boolean wantsTokenTypes, boolean intInputs, String output,
      boolean pooledOutput, int dimension) {
    this.directory = directory;
    this.config = config;
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.wantsTokenTypes = wantsTokenTypes;
    this.intInputs = intInputs;
    this.output = output;
    this.pooledOutput = pooledOutput;
    this.dimension = dimension;
  }

  /** Opens the model directory with {@link Config#defaults()}. */
  public static OnnxSentenceEncoder open(Path directory) {
    return open(directory, Config.defaults());
  }

  /**
   * Opens {@code directory}: checks that it holds a readable ONNX model and tokenizer, that the
   * graph takes BERT-style inputs and yields token or sentence vectors, and probes the dimension.
   * Every failure is an {@link IllegalArgumentException} naming the file and what was expected.
   */
  public static OnnxSentenceEncoder open(Path directory, Config config) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("model directory " + directory + (Files.exists(directory)
          ? " is a file, not a directory" : " does not exist")
          + "; point at a folder with model.onnx and tokenizer.json (e.g. an ONNX export of"
          + " sentence-transformers/all-MiniLM-L6-v2)");
    }
    Path model = directory.resolve("model.onnx");
    if (!Files.isRegularFile(model) && Files.isRegularFile(directory.resolve("onnx").resolve("model.onnx"))) {
      model = directory.resolve("onnx").resolve("model.onnx");
    }
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException(directory.resolve("model.onnx") + " is missing; expected the"
          + " encoder exported to ONNX there (or in onnx/model.onnx), e.g. with `optimum-cli export"
          + " onnx --model sentence-transformers/all-MiniLM-L6-v2 DIR`");
    }
    Path tokenizerFile = directory.resolve("tokenizer.json");
    if (!Files.isRegularFile(tokenizerFile)) {
      throw new IllegalArgumentException(tokenizerFile + " is missing; expected the HuggingFace"
          + " tokenizer of the same model (the tokenizer.json file saved beside it by transformers"
          + " or optimum)");
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (config.threads() > 0) {
        options.setIntraOpNumThreads(config.threads());
      }
      session = env.createSession(model.toString(), options);
    } catch (OrtException e) {
      throw new IllegalArgumentException(model + " is not a model ONNX Runtime can load: "
          + e.getMessage() + "; expected an ONNX export of a BERT-family encoder", e);
    }
    HuggingFaceTokenizer tokenizer = null;
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      Set<String> names = new TreeSet<>(inputs.keySet());
      Set<String> unknown = new TreeSet<>(names);
      unknown.removeAll(KNOWN_INPUTS);
      if (!names.contains(INPUT_IDS) || !unknown.isEmpty()) {
        throw new IllegalArgumentException(model + " takes inputs " + names + "; expected input_ids"
            + " and attention_mask (and optionally token_type_ids), as a BERT-family export has");
      }
      boolean intInputs = false;
      for (String name : names) {
        TensorInfo info = tensorInfo(inputs.get(name), model, "input " + name);
        if (info.type != OnnxJavaType.INT64 && info.type != OnnxJavaType.INT32) {
          throw new IllegalArgumentException(model + ": input " + name + " is " + info.type
              + "; expected int64 (or int32) token ids");
        }
        intInputs |= info.type == OnnxJavaType.INT32;
      }
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      String out = outputs.containsKey("last_hidden_state") ? "last_hidden_state"
          : outputs.containsKey("token_embeddings") ? "token_embeddings"
          : outputs.keySet().iterator().next();
      TensorInfo outInfo = tensorInfo(outputs.get(out), model, "output " + out);
      long[] shape = outInfo.getShape();
      if (outInfo.type != OnnxJavaType.FLOAT || (shape.length != 3 && shape.length != 2)) {
        throw new IllegalArgumentException(model + ": output " + out + " is " + outInfo.type + " of rank "
            + shape.length + "; expected float token vectors [batch, tokens, hidden] (or pooled [batch, hidden])");
      }
      try {
        tokenizer = HuggingFaceTokenizer.builder()
            .optTokenizerPath(tokenizerFile)
            .optAddSpecialTokens(true)
            .optTruncation(true)
            .optMaxLength(config.maxLength())
            .optPadding(false)
            .build();
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(tokenizerFile + " cannot be read by the HuggingFace tokenizers"
            + " library: " + e.getMessage() + "; expected the tokenizer.json saved with the model", e);
      }
      boolean pooled = shape.length == 2;
      int dim = (int) shape[shape.length - 1];
      OnnxSentenceEncoder encoder = new OnnxSentenceEncoder(directory, config, env, session, tokenizer,
          names.contains(TOKEN_TYPE_IDS), intInputs, out, pooled, Math.max(dim, 0));
      if (dim <= 0) {
        // Symbolic hidden size: run one text to learn it.
        dim = encoder.run(List.of("dimension probe"))[0].length;
        encoder = new OnnxSentenceEncoder(directory, config, env, session, tokenizer,
            names.contains(TOKEN_TYPE_IDS), intInputs, out, pooled, dim);
      }
      return encoder;
    } catch (OrtException | RuntimeException e) {
      closeQuietly(session, tokenizer);
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException(model + " could not be inspected or run: " + e.getMessage(), e);
    }
  }

  private static TensorInfo tensorInfo(NodeInfo node, Path model, String what) {
    if (!(node.getInfo() instanceof TensorInfo info)) {
      throw new IllegalArgumentException(model + ": " + what + " is " + node.getInfo() + "; expected a tensor");
    }
    return info;
  }

  public Path directory() {
    return directory;
  }

  public Config config() {
    return config;
  }

  /** Whether the graph takes token_type_ids (BERT does; DistilBERT-style exports do not). */
  public boolean takesTokenTypeIds() {
    return wantsTokenTypes;
  }

  @Override
  public String name() {
    return "onnx(" + directory.getFileName() + ", dim=" + dimension + ", maxLength=" + config.maxLength() + ")";
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[] encode(String text) {
    return encodeAll(List.of(text))[0];
  }

  @Override
  public float[][] encodeAll(List<String> texts) {
    float[][] out = new float[texts.size()][];
    int b = config.batchSize();
    for (int from = 0; from < texts.size(); from += b) {
      List<String> chunk = texts.subList(from, Math.min(texts.size(), from + b));
      float[][] vectors = run(chunk);
      System.arraycopy(vectors, 0, out, from, vectors.length);
    }
    return out;
  }

  /** Tokenizes, pads, runs the graph and pools one batch. */
  private float[][] run(List<String> texts) {
    if (closed) {
      throw new IllegalStateException("encoder " + name() + " was closed; open the model directory again");
    }
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) == null) {
        throw new IllegalArgumentException("text " + i + " is null; encode \"\" for an empty text");
      }
    }
    Encoding[] encodings = new Encoding[texts.size()];
    synchronized (tokenizer) {
      for (int i = 0; i < encodings.length; i++) {
        encodings[i] = tokenizer.encode(texts.get(i));
      }
    }
    int batch = encodings.length;
    int len = 1;
    for (Encoding e : encodings) {
      len = Math.max(len, e.getIds().length);
    }
    long[] ids = new long[batch * len];
    long[] mask = new long[batch * len];
    for (int i = 0; i < batch; i++) {
      long[] tokenIds = encodings[i].getIds();
      long[] tokenMask = encodings[i].getAttentionMask();
      System.arraycopy(tokenIds, 0, ids, i * len, tokenIds.length);
      System.arraycopy(tokenMask, 0, mask, i * len, tokenMask.length);
    }
    long[] shape = {batch, len};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      feed.put(INPUT_IDS, tensor(ids, shape));
      if (session.getInputNames().contains(ATTENTION_MASK)) {
        feed.put(ATTENTION_MASK, tensor(mask, shape));
      }
      if (wantsTokenTypes) {
        feed.put(TOKEN_TYPE_IDS, tensor(new long[batch * len], shape));
      }
      try (OrtSession.Result result = session.run(feed)) {
        OnnxTensor t = (OnnxTensor) result.get(output).orElseThrow();
        long[] outShape = t.getInfo().getShape();
        FloatBuffer values = t.getFloatBuffer();
        return pooledOutput ? normalizeRows(values, outShape) : meanPool(values, outShape, mask, len);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed on a batch of " + batch + " texts of up to "
          + len + " tokens with " + directory + ": " + e.getMessage(), e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  private OnnxTensor tensor(long[] values, long[] shape) throws OrtException {
    if (!intInputs) {
      return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    }
    int[] ints = new int[values.length];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = (int) values[i];
    }
    return OnnxTensor.createTensor(env, IntBuffer.wrap(ints), shape);
  }

  /** Mean of the token vectors whose mask is 1, per text, then L2-normalised. */
  static float[][] meanPool(FloatBuffer values, long[] shape, long[] mask, int len) {
    int batch = (int) shape[0];
    int tokens = (int) shape[1];
    int hidden = (int) shape[2];
    if (tokens != len) {
      throw new IllegalStateException("the model returned " + tokens + " token vectors for " + len
          + " input tokens; expected one per token");
    }
    float[][] out = new float[batch][hidden];
    for (int i = 0; i < batch; i++) {
      float[] v = out[i];
      int count = 0;
      for (int t = 0; t < tokens; t++) {
        if (mask[i * len + t] == 0) {
          continue;
        }
        count++;
        int off = (i * tokens + t) * hidden;
        for (int h = 0; h < hidden; h++) {
          v[h] += values.get(off + h);
        }
      }
      if (count > 0) {
        for (int h = 0; h < hidden; h++) {
          v[h] /= count;
        }
      }
      TextEncoder.normalize(v);
    }
    return out;
  }

  private static float[][] normalizeRows(FloatBuffer values, long[] shape) {
    int batch = (int) shape[0];
    int hidden = (int) shape[1];
    float[][] out = new float[batch][hidden];
    for (int i = 0; i < batch; i++) {
      values.get(i * hidden, out[i]);
      TextEncoder.normalize(out[i]);
    }
    return out;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      closeQuietly(session, tokenizer);
    }
  }

  private static void closeQuietly(OrtSession session, HuggingFaceTokenizer tokenizer) {
    try {
      session.close();
    } catch (OrtException e) {
      // Nothing more to free.
    }
    if (tokenizer != null) {
      tokenizer.close();
    }
  }

  /** The token ids the tokenizer gives {@code text} (special tokens included): for diagnostics. */
  public long[] tokenIds(String text) {
    synchronized (tokenizer) {
      return tokenizer.encode(text).getIds();
    }
  }

}
