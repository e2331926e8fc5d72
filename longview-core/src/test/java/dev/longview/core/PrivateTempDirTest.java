package dev.longview.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PrivateTempDirTest {

  @Test
  void loaderSeesAFreshPrivateDirectoryAndThePropertyIsRestored() {
    String before = System.getProperty("java.io.tmpdir");
    AtomicReference<String> seen = new AtomicReference<>();
    AtomicReference<String> seenAgain = new AtomicReference<>();
    PrivateTempDir.run("lv-test", () -> seen.set(System.getProperty("java.io.tmpdir")));
    PrivateTempDir.run("lv-test", () -> seenAgain.set(System.getProperty("java.io.tmpdir")));

    assertThat(System.getProperty("java.io.tmpdir")).isEqualTo(before);
    assertThat(seen.get()).isNotEqualTo(before).isNotEqualTo(seenAgain.get());
    assertThat(Path.of(seen.get())).isDirectory().isEmptyDirectory();
    assertThat(Path.of(seen.get()).getParent()).isEqualTo(Path.of(before));
    assertThat(Files.isWritable(Path.of(seen.get()))).isTrue();
  }

  @Test
  void aFailingLoaderIsReportedAndThePropertyStillRestored() {
    String before = System.getProperty("java.io.tmpdir");
    assertThatThrownBy(() -> PrivateTempDir.run("lv-fail", () -> {
      throw new UnsatisfiedLinkError("no such library");
    })).isInstanceOf(Error.class);
    assertThatThrownBy(() -> PrivateTempDir.run("lv-fail", () -> {
      throw new java.io.IOException("disk full");
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("disk full");
    assertThat(System.getProperty("java.io.tmpdir")).isEqualTo(before);
  }
}
