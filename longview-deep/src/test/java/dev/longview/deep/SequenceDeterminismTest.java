package dev.longview.deep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Same seed, same data, same JVM: the same training, whatever ran before it. Each architecture is
 * trained, then another training with another loss runs (as SequenceLossesTest does before
 * SequenceModelsTest when both share a JVM), then the first training is repeated while a
 * background thread keeps asking for garbage collection (which frees the direct buffers DJL hands
 * to PyTorch as soon as nothing on the Java side holds them). The two per-epoch loss and
 * validation curves and the final scores must be identical.
 */
class SequenceDeterminismTest {
  /** Per-epoch lines without timings, e.g. "sasrec epoch 1: loss 2.9957, valid NDCG@10 0.1234". */
  private static List<String> train(SequenceConfig c, InteractionSnapshot data, float[] scores) {
    List<String> curve = new ArrayList<>();
    try (DeepSequenceModel m = new SequenceTrainer(c, line -> {
      if (line.contains(" epoch ")) {
        curve.add(line.substring(0, line.indexOf(" (")));
      }
    }).train(data)) {
      if (scores != null) {
        for (int u = 0; u < 5; u++) {
          float[] s = new float[data.itemCount()];
          m.score(u, s);
          System.arraycopy(s, 0, scores, u * data.itemCount(), data.itemCount());
        }
      }
    }
    return curve;
  }

  @ParameterizedTest
  @EnumSource(SequenceConfig.Architecture.class)
  void sameSeedTwiceInOneJvm_sameCurveAndScores_afterOtherTrainingsAndUnderGc(
      SequenceConfig.Architecture a) throws Exception {
    InteractionSnapshot data = SequenceModelsTest.rings(300, 7);
    SequenceConfig c = SequenceLossesTest.config(a, SequenceConfig.Loss.SOFTMAX, 10, 2, 7);
    float[] first = new float[5 * data.itemCount()];
    List<String> curve = train(c, data, first);
    assertThat(curve).hasSize(2);
    train(SequenceLossesTest.config(SequenceConfig.Architecture.GRU4REC,
        SequenceConfig.Loss.SAMPLED_SOFTMAX, 10, 3, 1), SequenceModelsTest.rings(40, 3), null);
    AtomicBoolean stop = new AtomicBoolean();
    Thread gc = new Thread(() -> {
      while (!stop.get()) {
        System.gc();
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    gc.setDaemon(true);
    gc.start();
    float[] second = new float[first.length];
    List<String> again;
    try {
      again = train(c, data, second);
    } finally {
      stop.set(true);
      gc.join();
    }
    assertThat(again).isEqualTo(curve);
    assertThat(second).containsExactly(first);
  }
}
