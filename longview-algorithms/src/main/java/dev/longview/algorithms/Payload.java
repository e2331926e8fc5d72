package dev.longview.algorithms;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Big-endian primitive arrays in a model file's body: a length, then the values. */
final class Payload {
  private Payload() {}

  /** Writes arrays to a stream. Not thread-safe. */
  static final class Writer {
    private final DataOutputStream out;
    private final ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);

    Writer(DataOutputStream out) {
      this.out = out;
    }

    void writeInt(int v) throws IOException {
      out.writeInt(v);
    }

    void writeString(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }

    void writeInts(int[] a) throws IOException {
      out.writeInt(a.length);
      for (int i = 0; i < a.length; ) {
        chunk.clear();
        while (i < a.length && chunk.remaining() >= 4) {
          chunk.putInt(a[i++]);
        }
        out.write(chunk.array(), 0, chunk.position());
      }
    }

    void writeFloats(float[] a) throws IOException {
      out.writeInt(a.length);
      for (int i = 0; i < a.length; ) {
        chunk.clear();
        while (i < a.length && chunk.remaining() >= 4) {
          chunk.putFloat(a[i++]);
        }
        out.write(chunk.array(), 0, chunk.position());
      }
    }
  }

  /**
   * Reads arrays from a body whose checksum has already been verified; a length that runs past
   * the body still fails with a clear message rather than a buffer exception.
   */
  static final class Reader {
    private final ByteBuffer in;
    private final String file;

    Reader(ByteBuffer in, String file) {
      this.in = in;
      this.file = file;
    }

    int readInt() {
      need(4);
      return in.getInt();
    }

    String readString() {
      int n = length(1);
      byte[] b = new byte[n];
      in.get(b);
      return new String(b, StandardCharsets.UTF_8);
    }

    int[] readInts() {
      int[] a = new int[length(4)];
      in.asIntBuffer().get(a);
      in.position(in.position() + 4 * a.length);
      return a;
    }

    float[] readFloats() {
      float[] a = new float[length(4)];
      in.asFloatBuffer().get(a);
      in.position(in.position() + 4 * a.length);
      return a;
    }

    /**
     * Checks that {@code ptr} is a CSR offset array for {@code rows} rows over {@code values}
     * entries whose indices lie in {@code [0, bound)}.
     */
    void checkCsr(String what, int rows, int[] ptr, int[] values, int bound) {
      boolean ok = ptr.length == rows + 1 && ptr[0] == 0 && ptr[rows] == values.length;
      for (int r = 0; ok && r < rows; r++) {
        ok = ptr[r] <= ptr[r + 1];
      }
      for (int k = 0; ok && k < values.length; k++) {
        ok = values[k] >= 0 && values[k] < bound;
      }
      if (!ok) {
        throw new IllegalArgumentException("model file " + file + " is malformed: its " + what
            + " do not match " + rows + " rows and " + bound + " columns");
      }
    }

    void check(boolean ok, String what) {
      if (!ok) {
        throw new IllegalArgumentException("model file " + file + " is malformed: " + what);
      }
    }

    boolean atEnd() {
      return !in.hasRemaining();
    }

    private int length(int width) {
      int n = readInt();
      if (n < 0 || (long) n * width > in.remaining()) {
        throw new IllegalArgumentException("model file " + file + " is malformed: an array of "
            + n + " values does not fit in the " + in.remaining() + " bytes left");
      }
      return n;
    }

    private void need(int bytes) {
      if (in.remaining() < bytes) {
        throw new IllegalArgumentException("model file " + file + " is malformed: the body ends"
            + " early");
      }
    }
  }
}
