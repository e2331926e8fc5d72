package dev.longview.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stand-in P1 harness reproduces the protocol's published counts (skipped without the data). */
class P1SplitTest {
  @Test
  void load_reproducesTheTenCoreCountsAndTheRatioCut() throws IOException {
    Optional<Path> ratings = SharedData.find("ml-1m/ratings_no_timestamp.dat");
    assumeTrue(ratings.isPresent(),
        "shared/data/ml-1m/ratings_no_timestamp.dat not found above the working directory: skipped");
    P1Split split = P1Split.load(ratings.get(), 42);
    assertThat(split.interactions).isEqualTo(834_449);
    assertThat(split.users).isEqualTo(6_033);
    assertThat(split.items).isEqualTo(3_123);
    long train = 0;
    for (int u = 0; u < split.users; u++) {
      int n = split.train[u].length + split.valid[u].length + split.test[u].length;
      assertThat(split.valid[u].length).isEqualTo(n / 10);
      assertThat(split.test[u].length).isEqualTo(n / 10);
      train += split.train[u].length;
    }
    assertThat(train).isEqualTo(673_059);
  }
}
