package dev.longview.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelFilesTest {
  @TempDir Path dir;

  private static final int ITEMS = 30;
  private static final InteractionSnapshot SNAPSHOT =
      Snapshots.of(ITEMS, Snapshots.planted(40, ITEMS, 3, 0.4, 0.05, 9));

  static Iterable<String> algorithms() {
    return Algorithms.names();
  }

  private static Map<String, String> small(String name) {
    return switch (name) {
      case "ials" -> Map.of("factors", "4", "iterations", "2");
      case "bpr" -> Map.of("factors", "4", "epochs", "2");
      case "lightgcn" -> Map.of("factors", "4", "epochs", "2");
      default -> Map.of();
    };
  }

  private Path written(String name) throws IOException {
    Model model = Algorithms.trainer(name, small(name), 3).train(SNAPSHOT);
    Path file = dir.resolve(name + ".lvm");
    ModelFiles.write(model, file);
    return file;
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void roundTrip_givesTheSameScoresCountsAndParameters(String name) throws IOException {
    Model model = Algorithms.trainer(name, small(name), 3).train(SNAPSHOT);
    Path file = dir.resolve(name + ".lvm");
    ModelFiles.write(model, file);
    Model back = ModelFiles.read(file);
    assertThat(back.userCount()).isEqualTo(model.userCount());
    assertThat(back.itemCount()).isEqualTo(model.itemCount());
    assertThat(((StoredModel) back).algorithm()).isEqualTo(name);
    assertThat(((StoredModel) back).params()).isEqualTo(((StoredModel) model).params());
    float[] a = new float[ITEMS];
    float[] b = new float[ITEMS];
    for (int u = 0; u < model.userCount(); u++) {
      model.score(u, a);
      back.score(u, b);
      assertThat(b).as("user %d", u).isEqualTo(a);
    }
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void read_refusesACorruptFile(String name) throws IOException {
    Path file = written(name);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2 + 10] ^= 0x40;
    Files.write(file, bytes);
    assertThatThrownBy(() -> ModelFiles.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt")
        .hasMessageContaining("checksum mismatch");
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void read_refusesATruncatedFile(String name) throws IOException {
    Path file = written(name);
    byte[] bytes = Files.readAllBytes(file);
    for (int keep : new int[] {bytes.length - 1, bytes.length / 2, 12, 3}) {
      Files.write(file, Arrays.copyOf(bytes, keep));
      assertThatThrownBy(() -> ModelFiles.read(file)).as("%d of %d bytes", keep, bytes.length)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void read_refusesANewerFormatVersion() throws IOException {
    Path file = written("pop");
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).putInt(8, ModelFiles.FORMAT_VERSION + 1);
    Files.write(file, bytes);
    assertThatThrownBy(() -> ModelFiles.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format version 2")
        .hasMessageContaining("reads version 1")
        .hasMessageContaining("upgrade Longview");
  }

  @Test
  void read_refusesAnUnknownAlgorithm() throws IOException {
    Path file = written("pop");
    byte[] bytes = Files.readAllBytes(file);
    // The body starts with the name: length 3, "pop". Rename it and fix the checksum.
    assertThat(new String(bytes, 24, 3, StandardCharsets.UTF_8)).isEqualTo("pop");
    bytes[24] = 'z';
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
    Files.write(file, bytes);
    assertThatThrownBy(() -> ModelFiles.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown algorithm \"zop\"")
        .hasMessageContaining("ials");
  }

  @Test
  void read_refusesAWellFormedFileWhoseArraysDisagreeWithItsCounts() throws IOException {
    Path file = written("pop");
    byte[] bytes = Files.readAllBytes(file);
    // Header (20) + name (4 + 3) + parameter count (4) = 31: users, then items.
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    assertThat(buf.getInt(35)).isEqualTo(ITEMS);
    buf.putInt(35, ITEMS + 1);
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    buf.putLong(bytes.length - 8, crc.getValue());
    Files.write(file, bytes);
    assertThatThrownBy(() -> ModelFiles.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void read_refusesAFileThatIsNotAModel() throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "hello, this is not a model file at all");
    assertThatThrownBy(() -> ModelFiles.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Longview model file");
  }

  @Test
  void write_refusesAModelFromElsewhere() {
    Model foreign = new Model() {
      @Override
      public int userCount() {
        return 0;
      }

      @Override
      public int itemCount() {
        return 0;
      }

      @Override
      public void score(int user, float[] scores) {}
    };
    assertThatThrownBy(() -> ModelFiles.write(foreign, dir.resolve("x.lvm")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only models trained by Algorithms.trainer");
  }
}
