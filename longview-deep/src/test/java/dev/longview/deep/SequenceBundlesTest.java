package dev.longview.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.algorithms.Algorithms;
import dev.longview.algorithms.bundle.BundleManifest;
import dev.longview.algorithms.bundle.ModelBundles;
import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sequential models in versioned model bundles: written as BundleContent, loaded back. */
class SequenceBundlesTest {
  @TempDir Path dir;

  @Test
  void gru4recBundle_loadsBack_andScoresIdentically() throws Exception {
    DeepAlgorithms.registerAll();
    InteractionSnapshot data = SequenceModelsTest.rings(30, 5);
    Map<String, String> params = Map.of("dim", "8", "max_len", "8", "epochs", "2", "patience", "0");
    Model trained = Algorithms.trainer("gru4rec", params, 5).train(data);
    Path models = dir.resolve("models");
    BundleManifest manifest = new BundleManifest("gru4rec", 0, "gru4rec", params, 5,
        Instant.EPOCH, 0, ModelBundles.fingerprint(data, "rings"), null, null);
    BundleManifest written = ModelBundles.write(models, manifest, trained, data);
    assertThat(written.files()).containsAll(DeepSequenceModel.FILES)
        .doesNotContain(ModelBundles.MODEL_FILE);

    // By the name folder (its newest version), then by the version folder.
    try (DeepSequenceModel original = (DeepSequenceModel) trained;
        SequenceBundles.Loaded loaded = SequenceBundles.load(models.resolve("gru4rec"))) {
      assertThat(loaded.manifest().algorithm()).isEqualTo("gru4rec");
      assertThat(loaded.itemIds()).hasSize(data.itemCount()).startsWith(data.itemId(0));
      int[] session = {data.itemIndex("i3"), data.itemIndex("i4"), data.itemIndex("i5")};
      float[] a = new float[data.itemCount()];
      float[] b = new float[data.itemCount()];
      original.scoreSequence(session, a);
      loaded.model().scoreSequence(session, b);
      assertThat(b).containsExactly(a);
      original.score(3, a);
      loaded.model().score(3, b);
      assertThat(b).containsExactly(a);
    }
    try (SequenceBundles.Loaded v1 = SequenceBundles.load(models.resolve("gru4rec/v1"))) {
      assertThat(v1.describe()).contains("gru4rec v1");
    }
  }

  @Test
  void load_rejectsWhatIsNotASequentialBundle() throws Exception {
    assertThatThrownBy(() -> SequenceBundles.load(dir.resolve("nothing")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> SequenceBundles.load(dir.resolve("empty")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no");
    InteractionSnapshot data = SequenceModelsTest.rings(10, 1);
    Model pop = Algorithms.trainer("pop", Map.of(), 1).train(data);
    ModelBundles.write(dir, new BundleManifest("pop", 0, "pop", Map.of(), 1, Instant.EPOCH, 0,
        ModelBundles.fingerprint(data, "rings"), null, null), pop, data);
    assertThatThrownBy(() -> SequenceBundles.load(dir.resolve("pop")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a sequential one");
  }
}
