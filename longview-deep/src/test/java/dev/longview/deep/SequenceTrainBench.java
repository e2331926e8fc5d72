package dev.longview.deep;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no assertions, not picked up by surefire's default patterns): times one or two
 * training epochs on a random snapshot shaped like ml-100k. Run with {@code mvn -o test -pl
 * longview-core,longview-algorithms,longview-deep -Dtest=SequenceTrainBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbench.arch=SASREC}; {@code -Dbench.loss=sampled
 * -Dbench.negatives=256} picks the loss, {@code -Dbench.users=610 -Dbench.items=9724
 * -Dbench.perUser=165} gives ml-latest-small's shape.
 */
class SequenceTrainBench {
  @Test
  void epochs() {
    int users = Integer.getInteger("bench.users", 943);
    int items = Integer.getInteger("bench.items", 1682);
    int perUser = Integer.getInteger("bench.perUser", 104);
    Random r = new Random(1);
    SnapshotBuilder b = new SnapshotBuilder();
    for (int u = 0; u < users; u++) {
      b.addUser("u" + u, null, null);
    }
    for (int i = 0; i < items; i++) {
      b.addItem("i" + i, List.of(), null, null, false);
    }
    for (int u = 0; u < users; u++) {
      for (int k = 0; k < perUser; k++) {
        b.addInteraction(u, (int) Math.min(items - 1, Math.abs(r.nextGaussian()) * items / 3), 1f,
            1_700_000_000L + k);
      }
    }
    InteractionSnapshot s = b.build();
    SequenceConfig c = new SequenceConfig(
        SequenceConfig.Architecture.valueOf(System.getProperty("bench.arch", "SASREC")),
        64, Integer.getInteger("bench.layers", 2), 1, Integer.getInteger("bench.len", 50), 0.2, 0.001, 0,
        Integer.getInteger("bench.batch", 64), Integer.getInteger("bench.epochs", 2), 0, 1,
        SequenceConfig.Loss.ofParameter(System.getProperty("bench.loss", "softmax")),
        Integer.getInteger("bench.negatives", SequenceConfig.DEFAULT_NEGATIVES));
    new SequenceTrainer(c, System.out::println).train(s).close();
  }
}
