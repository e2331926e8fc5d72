package dev.longview.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.algorithms.Algorithms;
import dev.longview.core.model.SequenceModel;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both sequential models on a synthetic task where the next item is fully determined by the last
 * two: every user walks around a ring of {@value #ITEMS} items with a fixed step of 1 or 3, from a
 * random start. A model that only knew the last item (or popularity) would be right about half the
 * time; one that reads the order gets it all right.
 */
class SequenceModelsTest {
  static final int ITEMS = 20;
  static final int LENGTH = 12;
  static final Map<SequenceConfig.Architecture, DeepSequenceModel> MODELS =
      new EnumMap<>(SequenceConfig.Architecture.class);
  static InteractionSnapshot data;

  @BeforeAll
  static void train() {
    data = rings(300, 7);
    for (SequenceConfig.Architecture a : SequenceConfig.Architecture.values()) {
      MODELS.put(a, new SequenceTrainer(config(a, 7), null).train(data));
    }
  }

  @AfterAll
  static void close() {
    MODELS.values().forEach(DeepSequenceModel::close);
  }

  static SequenceConfig config(SequenceConfig.Architecture a, long seed) {
    return new SequenceConfig(a, 32, a == SequenceConfig.Architecture.SASREC ? 2 : 1, 2, 16, 0.1,
        0.01, 0, 32, 40, 5, seed);
  }

  /** {@code users} walks of {@value #LENGTH} items; even users step 1, odd users step 3. */
  static InteractionSnapshot rings(int users, long seed) {
    Random r = new Random(seed);
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < users; u++) {
      b.addUser("u" + u, null, null);
    }
    for (int i = 0; i < ITEMS; i++) {
      b.addItem("i" + i, List.of(), null, null, false);
    }
    for (int u = 0; u < users; u++) {
      int step = u % 2 == 0 ? 1 : 3;
      int item = r.nextInt(ITEMS);
      for (int k = 0; k < LENGTH; k++) {
        b.addInteraction(u, item, 1f, 1_700_000_000L + k * 60L);
        item = (item + step) % ITEMS;
      }
    }
    return b.build();
  }

  static int argmax(float[] s, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (s[i] > s[best]) {
        best = i;
      }
    }
    return best;
  }

  @ParameterizedTest
  @EnumSource(SequenceConfig.Architecture.class)
  void learnsTheNextItemFromTheOrder(SequenceConfig.Architecture a) {
    SequenceModel model = MODELS.get(a);
    Random r = new Random(99);
    float[] scores = new float[ITEMS];
    int right = 0;
    int trials = 200;
    for (int t = 0; t < trials; t++) {
      int step = t % 2 == 0 ? 1 : 3;
      int len = 2 + r.nextInt(6);
      int[] seq = new int[len];
      seq[0] = r.nextInt(ITEMS);
      for (int k = 1; k < len; k++) {
        seq[k] = (seq[k - 1] + step) % ITEMS;
      }
      model.scoreSequence(seq, scores);
      if (argmax(scores, ITEMS) == (seq[len - 1] + step) % ITEMS) {
        right++;
      }
    }
    assertThat(right).as("%s next-item accuracy on fresh walks", a).isGreaterThanOrEqualTo(trials * 95 / 100);
    assertThat(MODELS.get(a).trainingSummary().validNdcg()).isGreaterThan(0.9);
  }

  @ParameterizedTest
  @EnumSource(SequenceConfig.Architecture.class)
  void score_isScoreSequenceOfTheTrainingSequence(SequenceConfig.Architecture a) {
    DeepSequenceModel model = MODELS.get(a);
    float[] byUser = new float[ITEMS];
    float[] bySequence = new float[ITEMS];
    for (int u = 0; u < 5; u++) {
      model.score(u, byUser);
      int[] seq = model.sequenceOf(u);
      assertThat(seq).hasSize(LENGTH);
      model.scoreSequence(seq, bySequence);
      assertThat(byUser).containsExactly(bySequence);
    }
  }

  @ParameterizedTest
  @EnumSource(SequenceConfig.Architecture.class)
  void scoreSequence_readsOnlyTheLastMaxLengthItems(SequenceConfig.Architecture a) {
    DeepSequenceModel model = MODELS.get(a);
    int max = model.config().maxLength();
    int[] longSeq = new int[max + 5];
    for (int k = 0; k < longSeq.length; k++) {
      longSeq[k] = (k * 3) % ITEMS;
    }
    float[] full = new float[ITEMS];
    float[] tail = new float[ITEMS];
    model.scoreSequence(longSeq, full);
    model.scoreSequence(java.util.Arrays.copyOfRange(longSeq, 5, longSeq.length), tail);
    assertThat(full).containsExactly(tail);
  }

  @ParameterizedTest
  @EnumSource(SequenceConfig.Architecture.class)
  void saveThenLoad_givesIdenticalScores(SequenceConfig.Architecture a, @TempDir Path dir) throws IOException {
    DeepSequenceModel model = MODELS.get(a);
    model.save(dir);
    assertThat(dir.resolve("network.params")).exists();
    try (DeepSequenceModel loaded = DeepSequenceModel.load(dir)) {
      assertThat(loaded.config()).isEqualTo(model.config());
      assertThat(loaded.userCount()).isEqualTo(model.userCount());
      assertThat(loaded.trainingSummary()).isEqualTo(model.trainingSummary());
      float[] before = new float[ITEMS];
      float[] after = new float[ITEMS];
      for (int u = 0; u < data.userCount(); u += 17) {
        model.score(u, before);
        loaded.score(u, after);
        assertThat(after).containsExactly(before);
      }
      model.scoreSequence(new int[] {4, 5}, before);
      loaded.scoreSequence(new int[] {4, 5}, after);
      assertThat(after).containsExactly(before);
    }
  }

  @Test
  void load_rejectsWhatIsNotAModel(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> DeepSequenceModel.load(dir))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model.properties");
    Files.writeString(dir.resolve("model.properties"), "format=something-else\n");
    assertThatThrownBy(() -> DeepSequenceModel.load(dir))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("something-else");
    Files.writeString(dir.resolve("model.properties"), "format=longview-sequence-model\nformat_version=99\n");
    assertThatThrownBy(() -> DeepSequenceModel.load(dir))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newer");
  }

  @Test
  void scoreSequence_rejectsUnknownItemsAndShortArrays() {
    DeepSequenceModel model = MODELS.get(SequenceConfig.Architecture.SASREC);
    assertThatThrownBy(() -> model.scoreSequence(new int[] {1, ITEMS}, new float[ITEMS]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recentItems[1] was 20");
    assertThatThrownBy(() -> model.scoreSequence(new int[] {1}, new float[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itemCount() = 20");
    assertThatThrownBy(() -> model.score(-1, new float[ITEMS]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user -1");
  }

  @Test
  void registry_buildsBothModelsAndRejectsBadParameters() {
    DeepAlgorithms.registerAll();
    assertThat(Algorithms.names()).contains("sasrec", "gru4rec");
    assertThat(Algorithms.trainer("sasrec", Map.of(), 1)).isInstanceOf(SequenceTrainer.class);
    assertThat(Algorithms.trainer("gru4rec", Map.of("dim", "16"), 1)).isInstanceOf(SequenceTrainer.class);
    assertThatThrownBy(() -> Algorithms.trainer("sasrec", Map.of("heads", "3"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heads was 3");
    assertThatThrownBy(() -> Algorithms.trainer("sasrec", Map.of("dropout", "1.5"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropout was 1.5");
    assertThatThrownBy(() -> Algorithms.trainer("gru4rec", Map.of("max_len", "1"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_len was 1");
    assertThatThrownBy(() -> Algorithms.trainer("gru4rec", Map.of("hidden", "8"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no parameter \"hidden\"");
    assertThatThrownBy(() -> Algorithms.trainer("sasrec", Map.of("learning_rate", "fast"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a number");
  }

  @Test
  void sameSeed_sameModel() {
    SequenceConfig c = new SequenceConfig(SequenceConfig.Architecture.SASREC, 16, 1, 1, 8, 0.2,
        0.01, 0, 64, 2, 0, 3);
    InteractionSnapshot small = rings(40, 3);
    try (DeepSequenceModel a = new SequenceTrainer(c, null).train(small);
        DeepSequenceModel b = new SequenceTrainer(c, null).train(small)) {
      float[] x = new float[ITEMS];
      float[] y = new float[ITEMS];
      for (int u = 0; u < small.userCount(); u += 7) {
        a.score(u, x);
        b.score(u, y);
        assertThat(y).containsExactly(x);
      }
    }
  }
}
