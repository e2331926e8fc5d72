package dev.longview.core.text;

import java.util.List;

/**
 * Turns text (an item's title, description and categories, a user's query) into a fixed-length
 * vector for content recall, new-item cold start and query context. Two vectors are compared by
 * their dot product, which is their cosine: every vector an encoder returns has L2 norm 1, except
 * the zero vector for a text with nothing the encoder knows (empty, only stop words, or only words
 * never seen when the encoder was fitted), which matches nothing.
 *
 * <p>Implementations are immutable once built and thread-safe: {@link #encode} and
 * {@link #encodeAll} may be called from many threads at once. Those that hold native resources
 * (an ONNX session, a native tokenizer) release them in {@link #close()}; using an encoder after
 * closing it is an {@link IllegalStateException}. The built-in encoders are the TF-IDF/BM25
 * encoder of {@code longview-text} (the default) and the ONNX sentence encoder of
 * {@code longview-text-onnx}; core knows neither, so no deep-learning engine reaches it.
 */
public interface TextEncoder extends AutoCloseable {
  /** A short description for reports and logs, e.g. {@code tfidf(dim=512, terms=14210)}. */
  String name();

  /** Length of every vector this encoder returns. */
  int dimension();

  /** The unit-length vector of {@code text} (or the zero vector, see above); null is refused. */
  float[] encode(String text);

  /**
   * The vectors of {@code texts}, in order; the same as calling {@link #encode} on each, but an
   * implementation may batch (the ONNX encoder runs one padded batch per call).
   */
  default float[][] encodeAll(List<String> texts) {
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = encode(texts.get(i));
    }
    return out;
  }

  /** Releases native resources; a no-op for pure-Java encoders. */
  @Override
  default void close() {}

  /**
   * Scales {@code v} in place to unit L2 norm and returns it; a zero (or non-finite) vector becomes
   * all zeros. The one normalisation every encoder uses.
   */
  static float[] normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum == 0 || !Double.isFinite(sum)) {
      java.util.Arrays.fill(v, 0f);
      return v;
    }
    float inv = (float) (1.0 / Math.sqrt(sum));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }

  /** The dot product of two vectors of the same length: their cosine when both are unit vectors. */
  static float dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vectors of length " + a.length + " and " + b.length
          + " cannot be compared; encode both with the same encoder");
    }
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
