package dev.longview.core.snapshot;

import java.util.Arrays;

/**
 * A column of interaction weights, dictionary-encoded without loss.
 *
 * <p>Interaction weights take few distinct values (a type weight times a rating, a sign...), so
 * the column stores one byte per entry when there are at most 256 distinct values, two bytes when
 * there are at most 65,536, and the raw float otherwise. Decoding is one array load and one
 * dictionary load. Immutable; thread-safe.
 */
public final class WeightColumn {
  private final float[] dictionary; // null when raw
  private final byte[] bytes;
  private final short[] shorts;
  private final float[] raw;

  private WeightColumn(float[] dictionary, byte[] bytes, short[] shorts, float[] raw) {
    this.dictionary = dictionary;
    this.bytes = bytes;
    this.shorts = shorts;
    this.raw = raw;
  }

  /** Encodes {@code weights[order[k]]} for k in 0..n-1 (order may be null for identity). */
  static WeightColumn encode(float[] weights, int[] order, int n) {
    float[] distinct = new float[Math.min(n, 1024)];
    int d = 0;
    java.util.HashMap<Integer, Integer> codes = new java.util.HashMap<>();
    for (int k = 0; k < n && codes.size() <= 65_536; k++) {
      float w = weights[order == null ? k : order[k]];
      int bits = Float.floatToIntBits(w);
      if (!codes.containsKey(bits)) {
        if (d == distinct.length) {
          distinct = Arrays.copyOf(distinct, d * 2);
        }
        codes.put(bits, d);
        distinct[d++] = w;
      }
    }
    if (codes.size() > 65_536) {
      float[] raw = new float[n];
      for (int k = 0; k < n; k++) {
        raw[k] = weights[order == null ? k : order[k]];
      }
      return new WeightColumn(null, null, null, raw);
    }
    float[] dict = Arrays.copyOf(distinct, d);
    if (d <= 256) {
      byte[] b = new byte[n];
      for (int k = 0; k < n; k++) {
        b[k] = (byte) (int) codes.get(Float.floatToIntBits(weights[order == null ? k : order[k]]));
      }
      return new WeightColumn(dict, b, null, null);
    }
    short[] s = new short[n];
    for (int k = 0; k < n; k++) {
      s[k] = (short) (int) codes.get(Float.floatToIntBits(weights[order == null ? k : order[k]]));
    }
    return new WeightColumn(dict, null, s, null);
  }

  public float get(int position) {
    if (bytes != null) {
      return dictionary[bytes[position] & 0xFF];
    }
    if (shorts != null) {
      return dictionary[shorts[position] & 0xFFFF];
    }
    return raw[position];
  }

  /** Bytes held by this column. */
  public long bytes() {
    long n = bytes != null ? bytes.length : shorts != null ? 2L * shorts.length : 4L * raw.length;
    return n + (dictionary == null ? 0 : 4L * dictionary.length);
  }

  /** Number of distinct weights when dictionary-encoded, else -1. */
  public int distinctValues() {
    return dictionary == null ? -1 : dictionary.length;
  }
}
