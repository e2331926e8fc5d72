package dev.longview.algorithms.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.algorithms.Algorithms;
import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versioned bundles: layout, versions never overwritten, LATEST, manifest, extra files. */
class ModelBundlesTest {
  @TempDir Path dir;

  private static InteractionSnapshot snapshot() {
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < 6; u++) {
      b.addUser("user-" + u, null, null);
    }
    for (int i = 0; i < 5; i++) {
      b.addItem("item " + i, List.of(), null, null, false);
    }
    for (int u = 0; u < 6; u++) {
      b.addInteraction(u, u % 5, 1f, 1_700_000_000L + u);
      b.addInteraction(u, (u + 1) % 5, 1f, 1_700_000_100L + u);
    }
    return b.build();
  }

  private static BundleManifest manifest(String name, InteractionSnapshot s) {
    return new BundleManifest(name, 0, "pop", Map.of(), 7, Instant.parse("2026-11-25T10:00:00Z"),
        1.25, ModelBundles.fingerprint(s, "test.db"), null, Map.of("ndcg@10", 0.5));
  }

  @Test
  void write_createsNumberedVersions_neverOverwrites_andPointsLatestAtTheNewest()
      throws IOException {
    InteractionSnapshot s = snapshot();
    Model pop = Algorithms.trainer("pop", Map.of(), 7).train(s);
    BundleManifest first = ModelBundles.write(dir, manifest("pop", s), pop, s);
    byte[] firstManifest = Files.readAllBytes(dir.resolve("pop/v1/bundle.json"));
    BundleManifest second = ModelBundles.write(dir, manifest("pop", s), pop, s);
    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(Files.readAllBytes(dir.resolve("pop/v1/bundle.json"))).isEqualTo(firstManifest);
    assertThat(Files.readString(dir.resolve("pop/LATEST")).trim()).isEqualTo("v2");
    assertThat(ModelBundles.latest(dir, "pop")).contains(dir.resolve("pop/v2"));
    assertThat(ModelBundles.latest(dir, "absent")).isEmpty();
    try (Stream<Path> files = Files.list(dir.resolve("pop"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("v1", "v2", "LATEST"); // no temporary leftovers
    }
  }

  @Test
  void manifestAndModel_readBack_asWritten() throws IOException {
    InteractionSnapshot s = snapshot();
    Model pop = Algorithms.trainer("pop", Map.of(), 7).train(s);
    ModelBundles.write(dir, manifest("pop", s), pop, s);
    Path v1 = dir.resolve("pop/v1");
    BundleManifest m = ModelBundles.readManifest(v1);
    assertThat(m.name()).isEqualTo("pop");
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.seed()).isEqualTo(7);
    assertThat(m.trainingSeconds()).isEqualTo(1.25);
    assertThat(m.data().users()).isEqualTo(6);
    assertThat(m.data().items()).isEqualTo(5);
    assertThat(m.data().interactions()).isEqualTo(12);
    assertThat(m.data().maxEventTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_105L));
    assertThat(m.files()).containsExactly("model.lvm", "users.txt", "items.txt");
    assertThat(m.metrics()).containsEntry("ndcg@10", 0.5);
    assertThat(ModelBundles.readIds(v1, ModelBundles.USERS)).hasSize(6).startsWith("user-0");
    assertThat(ModelBundles.readIds(v1, ModelBundles.ITEMS)).containsExactly(
        "item 0", "item 1", "item 2", "item 3", "item 4");
    Model back = ModelBundles.readModel(v1);
    float[] a = new float[5];
    float[] b = new float[5];
    pop.score(0, a);
    back.score(0, b);
    assertThat(b).isEqualTo(a);
  }

  /** A model outside ModelFiles' format that saves itself, as a DJL network would. */
  private record SelfSaving(int userCount, int itemCount) implements Model, BundleContent {
    @Override
    public void score(int user, float[] scores) {
      java.util.Arrays.fill(scores, 0, itemCount, 1f);
    }

    @Override
    public List<String> writeTo(Path d) throws IOException {
      Files.writeString(d.resolve("network.bin"), "weights");
      return List.of("network.bin");
    }
  }

  @Test
  void bundleContent_writesItsOwnFilesIntoTheVersion_andNoModelFile() throws IOException {
    InteractionSnapshot s = snapshot();
    BundleManifest m = ModelBundles.write(dir, manifest("seq", s), new SelfSaving(6, 5), s);
    Path v1 = dir.resolve("seq/v1");
    assertThat(m.files()).containsExactly("users.txt", "items.txt", "network.bin");
    assertThat(Files.readString(v1.resolve("network.bin"))).isEqualTo("weights");
    assertThat(v1.resolve("model.lvm")).doesNotExist();
    assertThatThrownBy(() -> ModelBundles.readModel(v1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no model.lvm");
  }

  @Test
  void unbundleableOrMismatchedModels_areRejected_andLeaveNothingBehind() throws IOException {
    InteractionSnapshot s = snapshot();
    Model plain = new Model() {
      @Override
      public int userCount() {
        return 6;
      }

      @Override
      public int itemCount() {
        return 5;
      }

      @Override
      public void score(int user, float[] scores) {}
    };
    assertThatThrownBy(() -> ModelBundles.write(dir, manifest("x", s), plain, s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither a model ModelFiles can write nor a BundleContent");
    assertThatThrownBy(() -> ModelBundles.write(dir, manifest("x", s), new SelfSaving(7, 5), s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the model knows 7 users and 5 items but the snapshot has 6 and 5");
    assertThat(dir.resolve("x")).satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(),
        p -> assertThat(Files.list(p)).isEmpty());
  }

  @Test
  void badBundleNames_areRejected() {
    InteractionSnapshot s = snapshot();
    for (String bad : new String[] {"", "../up", "a/b", ".hidden", "x".repeat(65)}) {
      assertThatThrownBy(() -> manifest(bad, s))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bundle name");
    }
  }
}
