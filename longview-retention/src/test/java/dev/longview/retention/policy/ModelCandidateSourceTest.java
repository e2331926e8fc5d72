package dev.longview.retention.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.model.TopK;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The session cache answers exactly what a fresh top-K over the grown filter would. */
class ModelCandidateSourceTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void cachedPages_equalAFreshTopK(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int items = 300;
    float[][] table = new float[3][items];
    for (float[] row : table) {
      for (int i = 0; i < items; i++) {
        row[i] = rng.nextInt(50); // many ties
      }
    }
    Model model = new Model() {
      public int userCount() {
        return 3;
      }

      public int itemCount() {
        return items;
      }

      public void score(int user, float[] scores) {
        System.arraycopy(table[user], 0, scores, 0, items);
      }
    };
    float[] fallback = new float[items];
    ModelCandidateSource source = new ModelCandidateSource(model, fallback);
    ItemFilter filter = new ItemFilter(items);
    for (int user : new int[] {0, 0, 1, 2, 2, 0}) {
      filter.clear();
      for (int page = 0; page < 40; page++) {
        int n = 10;
        int[] got = new int[n];
        float[] gotScores = new float[n];
        int found = source.candidates(user, filter, n, got, gotScores);
        int[] want = new TopK(n).select(table[user], items, filter);
        assertThat(Arrays.copyOf(got, found)).as("user %d page %d", user, page).containsExactly(want);
        for (int k = 0; k < found; k++) {
          filter.exclude(got[k]); // the page was shown
        }
      }
    }
  }
}
