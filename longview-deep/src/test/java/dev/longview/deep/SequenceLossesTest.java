package dev.longview.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.algorithms.Algorithms;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sampled training objectives ({@link SequenceConfig.Loss#SAMPLED_SOFTMAX} and {@link
 * SequenceConfig.Loss#BCE}): they learn the rings of {@link SequenceModelsTest}, are deterministic
 * per seed, survive save and load, and draw the negatives they promise.
 */
class SequenceLossesTest {
  static SequenceConfig config(SequenceConfig.Architecture a, SequenceConfig.Loss loss, int negatives,
      int epochs, long seed) {
    return new SequenceConfig(a, 32, a == SequenceConfig.Architecture.SASREC ? 2 : 1, 2, 16, 0.1,
        0.01, 0, 32, epochs, 5, seed, loss, negatives);
  }

  /**
   * Over 200 fresh walks: the share whose next item the model ranks first, and the share whose
   * top item is one of the two ring successors of the last item (x + 1 or x + 3).
   */
  static double[] accuracy(DeepSequenceModel model) {
    int items = SequenceModelsTest.ITEMS;
    Random r = new Random(99);
    float[] scores = new float[items];
    int right = 0;
    int successor = 0;
    int trials = 200;
    for (int t = 0; t < trials; t++) {
      int step = t % 2 == 0 ? 1 : 3;
      int len = 2 + r.nextInt(6);
      int[] seq = new int[len];
      seq[0] = r.nextInt(items);
      for (int k = 1; k < len; k++) {
        seq[k] = (seq[k - 1] + step) % items;
      }
      model.scoreSequence(seq, scores);
      int top = SequenceModelsTest.argmax(scores, items);
      int last = seq[len - 1];
      right += top == (last + step) % items ? 1 : 0;
      successor += top == (last + 1) % items || top == (last + 3) % items ? 1 : 0;
    }
    return new double[] {right / (double) trials, successor / (double) trials};
  }

  @Test
  void sampledSoftmax_learnsTheNextItemFromTheOrder() {
    InteractionSnapshot data = SequenceModelsTest.rings(300, 7);
    // 10 of 20 items as negatives: a step never sees half of the catalogue.
    try (DeepSequenceModel model = new SequenceTrainer(config(SequenceConfig.Architecture.SASREC,
        SequenceConfig.Loss.SAMPLED_SOFTMAX, 10, 40, 7), null).train(data)) {
      double[] a = accuracy(model);
      System.out.println("sampled softmax: " + java.util.Arrays.toString(a) + " " + model.trainingSummary());
      // Knowing only the last item gives about 0.5: the step (1 or 3) must be read from the order.
      assertThat(a[0]).as("next-item accuracy").isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void bce_learnsTheNextItemOfTheTrainingUsers() {
    InteractionSnapshot data = SequenceModelsTest.rings(300, 7);
    SequenceConfig c = config(SequenceConfig.Architecture.SASREC, SequenceConfig.Loss.BCE, 1, 60, 7);
    // learning rate 0.01 lets BCE's unbounded scores grow until they overflow; 0.003 does not
    c = new SequenceConfig(c.architecture(), c.dim(), c.layers(), c.heads(), c.maxLength(), c.dropout(),
        0.003, c.l2(), c.batchSize(), c.maxEpochs(), c.patience(), c.seed(), c.loss(), c.negatives());
    try (DeepSequenceModel model = new SequenceTrainer(c, null).train(data)) {
      // The held-out last training item of every user, after ten items of context: a model that
      // only knew the last item would rank it first half of the time (NDCG@10 about 0.8).
      assertThat(model.trainingSummary().validNdcg()).isGreaterThan(0.95);
      // On fresh, shorter walks (2-7 items) one negative per position generalises less well than
      // the softmax (measured 0.57 next-item accuracy against 0.93); it must still beat chance.
      assertThat(accuracy(model)[1]).as("top item is a ring successor").isGreaterThan(0.5);
    }
  }

  @ParameterizedTest
  @EnumSource(value = SequenceConfig.Loss.class, names = {"SAMPLED_SOFTMAX", "BCE"})
  void sameSeed_sameModel_otherSeed_otherModel(SequenceConfig.Loss loss) {
    InteractionSnapshot small = SequenceModelsTest.rings(40, 3);
    SequenceConfig c = config(SequenceConfig.Architecture.GRU4REC, loss, 5, 2, 3);
    SequenceConfig other = config(SequenceConfig.Architecture.GRU4REC, loss, 5, 2, 4);
    try (DeepSequenceModel a = new SequenceTrainer(c, null).train(small);
        DeepSequenceModel b = new SequenceTrainer(c, null).train(small);
        DeepSequenceModel d = new SequenceTrainer(other, null).train(small)) {
      float[] x = new float[SequenceModelsTest.ITEMS];
      float[] y = new float[SequenceModelsTest.ITEMS];
      float[] z = new float[SequenceModelsTest.ITEMS];
      boolean differs = false;
      for (int u = 0; u < small.userCount(); u += 7) {
        a.score(u, x);
        b.score(u, y);
        d.score(u, z);
        assertThat(y).containsExactly(x);
        differs |= !java.util.Arrays.equals(x, z);
      }
      assertThat(differs).as("another seed trains another model").isTrue();
    }
  }

  @Test
  void saveThenLoad_keepsTheLossAndScores(@TempDir Path dir) throws IOException {
    InteractionSnapshot small = SequenceModelsTest.rings(40, 5);
    SequenceConfig c = config(SequenceConfig.Architecture.SASREC, SequenceConfig.Loss.SAMPLED_SOFTMAX, 7, 2, 1);
    try (DeepSequenceModel model = new SequenceTrainer(c, null).train(small)) {
      model.save(dir);
      try (DeepSequenceModel loaded = DeepSequenceModel.load(dir)) {
        assertThat(loaded.config()).isEqualTo(c);
        float[] before = new float[SequenceModelsTest.ITEMS];
        float[] after = new float[SequenceModelsTest.ITEMS];
        model.scoreSequence(new int[] {4, 5}, before);
        loaded.scoreSequence(new int[] {4, 5}, after);
        assertThat(after).containsExactly(before);
      }
    }
  }

  @Test
  void load_defaultsToTheFullSoftmaxWhenTheLossIsAbsent(@TempDir Path dir) throws IOException {
    InteractionSnapshot small = SequenceModelsTest.rings(20, 5);
    SequenceConfig c = config(SequenceConfig.Architecture.GRU4REC, SequenceConfig.Loss.SOFTMAX,
        SequenceConfig.DEFAULT_NEGATIVES, 1, 1);
    try (DeepSequenceModel model = new SequenceTrainer(c, null).train(small)) {
      model.save(dir);
    }
    Path meta = dir.resolve("model.properties");
    String text = java.nio.file.Files.readString(meta);
    java.nio.file.Files.writeString(meta, text.replaceAll("(?m)^(loss|negatives)=.*\\R", ""));
    assertThat(java.nio.file.Files.readString(meta)).doesNotContain("loss=");
    try (DeepSequenceModel loaded = DeepSequenceModel.load(dir)) {
      assertThat(loaded.config()).isEqualTo(c);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 19, 20, 50})
  void sampledSoftmax_drawsDistinctItemsEveryBatch(int negatives) {
    int items = 20;
    SequenceConfig c = config(SequenceConfig.Architecture.SASREC, SequenceConfig.Loss.SAMPLED_SOFTMAX,
        negatives, 1, 11);
    SequenceTrainer.Negatives n = new SequenceTrainer.Negatives(c, items, new int[0], new int[] {0});
    int[] counts = new int[items + 1];
    for (int batch = 0; batch < 20_000; batch++) {
      long[] rows = n.draw(new long[] {1, 2}, new int[] {0}, 2);
      assertThat(rows).hasSize(Math.min(negatives, items));
      Set<Long> distinct = new HashSet<>();
      for (long r : rows) {
        assertThat(r).isBetween(1L, (long) items); // embedding rows; 0 is padding
        distinct.add(r);
        counts[(int) r]++;
      }
      assertThat(distinct).hasSameSizeAs(rows);
    }
    double expected = 20_000.0 * Math.min(negatives, items) / items;
    for (int i = 1; i <= items; i++) {
      assertThat(counts[i]).as("item row %d drawn", i).isBetween((int) (expected * 0.8), (int) Math.ceil(expected * 1.2));
    }
  }

  @Test
  void bce_drawsOneNegativePerRealPositionOutsideTheUsersSequence() {
    int items = 12;
    // user 0 has items 0..9, user 1 has items 5 and 6
    int[] seq = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6};
    int[] start = {0, 10, 12};
    SequenceConfig c = config(SequenceConfig.Architecture.SASREC, SequenceConfig.Loss.BCE, 1, 1, 2);
    SequenceTrainer.Negatives n = new SequenceTrainer.Negatives(c, items, seq, start);
    Set<Long> seenForUser1 = new HashSet<>();
    for (int batch = 0; batch < 500; batch++) {
      // two windows of length 4: user 0 with 3 real positions, user 1 with 2
      long[] tg = {0, 2, 3, 4, 0, 0, 6, 7};
      long[] rows = n.draw(tg, new int[] {0, 1}, 4);
      assertThat(rows).hasSize(5);
      for (int k = 0; k < 3; k++) {
        assertThat(rows[k]).as("user 0's negative row").isIn(11L, 12L);
      }
      for (int k = 3; k < 5; k++) {
        assertThat(rows[k]).as("user 1's negative row").isBetween(1L, 12L).isNotIn(6L, 7L);
        seenForUser1.add(rows[k]);
      }
    }
    assertThat(seenForUser1).hasSize(10);
  }

  @Test
  void registry_readsTheLossAndRejectsBadValues() {
    DeepAlgorithms.registerAll();
    SequenceConfig sampled = ((SequenceTrainer) Algorithms.trainer("sasrec",
        Map.of("loss", "Sampled", "negatives", "128"), 1)).config();
    assertThat(sampled.loss()).isEqualTo(SequenceConfig.Loss.SAMPLED_SOFTMAX);
    assertThat(sampled.negatives()).isEqualTo(128);
    assertThat(((SequenceTrainer) Algorithms.trainer("gru4rec", Map.of("loss", "bce"), 1)).config().loss())
        .isEqualTo(SequenceConfig.Loss.BCE);
    assertThat(((SequenceTrainer) Algorithms.trainer("sasrec", Map.of(), 1)).config().loss())
        .isEqualTo(SequenceConfig.Loss.SOFTMAX);
    assertThatThrownBy(() -> Algorithms.trainer("sasrec", Map.of("loss", "hinge"), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be one of softmax, sampled, bce").hasMessageContaining("hinge");
    assertThatThrownBy(() -> Algorithms.trainer("gru4rec", Map.of("negatives", "0"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negatives was 0");
  }
}
