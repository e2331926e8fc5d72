package dev.longview.algorithms;

import dev.longview.core.model.Model;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Trained models on disk: a versioned, checksummed, self-describing binary file.
 *
 * <pre>
 *   offset  size  field
 *   0       8     magic "LVMODEL" 0x1A
 *   8       4     format version (this build writes and reads {@value #FORMAT_VERSION})
 *   12      8     body length in bytes (B)
 *   20      B     body: algorithm name, parameter count, (name, value) pairs, user count,
 *                 item count, then the algorithm's arrays (see each model's writePayload)
 *   20+B    8     CRC32 of bytes [0, 20+B), as a long
 * </pre>
 *
 * All numbers big-endian; strings are a length and UTF-8 bytes. {@link #read} checks, in this
 * order, the magic, the version, the length (truncated file), the checksum (corrupt file) and the
 * algorithm name, and says which failed. {@link #write} writes to a temporary file in the same
 * directory and renames it, so a reader never sees half a file. Thread-safe (stateless).
 */
public final class ModelFiles {
  static final int FORMAT_VERSION = 1;
  private static final byte[] MAGIC = {'L', 'V', 'M', 'O', 'D', 'E', 'L', 0x1A};
  private static final int HEADER = 20;
  private static final int TRAILER = 8;

  /** Reads one algorithm's arrays, given the header fields already read. */
  interface PayloadReader {
    Model read(String algorithm, Map<String, String> params, int users, int items,
        Payload.Reader in);
  }

  private static final Map<String, PayloadReader> READERS = new LinkedHashMap<>();

  static {
    READERS.put("pop", MostPopular::read);
    READERS.put("itemknn", ItemNeighbourModel::read);
    READERS.put("rp3beta", ItemNeighbourModel::read);
    READERS.put("userknn", UserNeighbourModel::read);
    READERS.put("ials", FactorModel::read);
    READERS.put("bpr", FactorModel::read);
    READERS.put("ease", EaseModel::read);
    READERS.put("lightgcn", FactorModel::read);
  }

  private ModelFiles() {}

  /** True when {@link #write} can write {@code model} (it came from {@link Algorithms}). */
  public static boolean canWrite(Model model) {
    return model instanceof StoredModel;
  }

  /**
   * Writes {@code model} (one trained by a trainer from {@link Algorithms}) to {@code file},
   * replacing it atomically.
   *
   * @throws IllegalArgumentException when the model did not come from {@link Algorithms}
   */
  public static void write(Model model, Path file) throws IOException {
    if (!(model instanceof StoredModel stored)) {
      throw new IllegalArgumentException("cannot save a " + model.getClass().getName()
          + ": only models trained by Algorithms.trainer(...) can be written");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
    try (DataOutputStream out = new DataOutputStream(body)) {
      Payload.Writer w = new Payload.Writer(out);
      w.writeString(stored.algorithm());
      w.writeInt(stored.params().size());
      for (Map.Entry<String, String> e : stored.params().entrySet()) {
        w.writeString(e.getKey());
        w.writeString(e.getValue());
      }
      w.writeInt(stored.userCount());
      w.writeInt(stored.itemCount());
      stored.writePayload(w);
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    header.put(MAGIC).putInt(FORMAT_VERSION).putLong(body.size());
    CRC32 crc = new CRC32();
    crc.update(header.array());
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
          DataOutputStream out = new DataOutputStream(os)) {
        out.write(header.array());
        body.writeTo(new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            crc.update(b);
            out.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            crc.update(b, off, len);
            out.write(b, off, len);
          }
        });
        out.writeLong(crc.getValue());
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @throws IllegalArgumentException when the file is not a model file, was written by a newer
   *     format version, is truncated, fails its checksum, or names an unknown algorithm; the
   *     message says which and what to do
   */
  public static Model read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String name = file.toString();
    if (bytes.length < MAGIC.length
        ? !Arrays.equals(bytes, 0, bytes.length, MAGIC, 0, bytes.length)
        : !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IllegalArgumentException(name + " is not a Longview model file (no LVMODEL"
          + " magic bytes at the start); write models with ModelFiles.write or `longview train`");
    }
    if (bytes.length < HEADER + TRAILER) {
      throw new IllegalArgumentException(name + " is truncated: " + bytes.length
          + " bytes, shorter than a model file's header; copy or write it again");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    int version = buf.getInt(8);
    if (version > FORMAT_VERSION || version < 1) {
      throw new IllegalArgumentException(name + " has model format version " + version
          + "; this build reads version " + FORMAT_VERSION + " only: "
          + (version > FORMAT_VERSION ? "upgrade Longview, or " : "") + "train the model again");
    }
    long bodyLength = buf.getLong(12);
    long expected = HEADER + bodyLength + TRAILER;
    if (bodyLength < 0 || bytes.length < expected) {
      throw new IllegalArgumentException(name + " is truncated: " + bytes.length
          + " bytes, but its header announces " + expected + "; copy or write it again");
    }
    if (bytes.length > expected) {
      throw new IllegalArgumentException(name + " is corrupt: " + (bytes.length - expected)
          + " unexpected bytes after the checksum; copy or write it again");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, (int) (HEADER + bodyLength));
    long stored = buf.getLong((int) (HEADER + bodyLength));
    if (crc.getValue() != stored) {
      throw new IllegalArgumentException(name + " is corrupt: CRC32 checksum mismatch (stored "
          + Long.toHexString(stored) + ", computed " + Long.toHexString(crc.getValue())
          + "); the file changed after it was written: copy or train it again");
    }
    Payload.Reader in = new Payload.Reader(
        ByteBuffer.wrap(bytes, HEADER, (int) bodyLength).slice(), name);
    String algorithm = in.readString();
    PayloadReader reader = READERS.get(algorithm);
    if (reader == null) {
      throw new IllegalArgumentException(name + " holds a model of unknown algorithm \""
          + algorithm + "\"; this build reads " + String.join(", ", READERS.keySet())
          + ": use the Longview version that wrote it, or train again");
    }
    int paramCount = in.readInt();
    Map<String, String> params = new LinkedHashMap<>();
    for (int k = 0; k < paramCount; k++) {
      params.put(in.readString(), in.readString());
    }
    int users = in.readInt();
    int items = in.readInt();
    Model model = reader.read(algorithm, java.util.Collections.unmodifiableMap(params), users, items, in);
    if (!in.atEnd()) {
      throw new IllegalArgumentException(name + " is malformed: bytes left after the "
          + algorithm + " payload");
    }
    return model;
  }
}
