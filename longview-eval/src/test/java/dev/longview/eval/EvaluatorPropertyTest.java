package dev.longview.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invariants of the evaluator on seeded random data and seeded random models. */
class EvaluatorPropertyTest {
  private static final List<Integer> KS = List.of(1, 2, 3, 5, 10, 20);

  private static Split split(long seed) {
    InteractionSnapshot s = Fixtures.random(seed, 40, 30);
    return new Protocol("any", 0, true, 0, 0, false, Splitter.ratio(0.6, 0.2, 0.2)).split(s, seed);
  }

  /** Random scores that favour training items, so a missing filter would show. */
  private static Model adversarial(Split split, long seed) {
    InteractionSnapshot t = split.train();
    return Fixtures.model(t.userCount(), t.itemCount(), (u, i) -> {
      long h = (seed * 31 + u) * 1_000_003L + i;
      h ^= h >>> 17;
      h *= 0x9E3779B97F4A7C15L;
      float base = (h >>> 40) / (float) (1 << 24);
      for (int p = t.userStart(u); p < t.userEnd(u); p++) {
        if (t.itemAt(p) == i) {
          return base + 100;
        }
      }
      return base;
    });
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void recallAtK_neverFallsAsKGrows(long seed) {
    Split s = split(seed);
    Report r = new Evaluator(KS, 1).evaluate(adversarial(s, seed), s, Evaluator.Target.TEST);
    for (int x = 0; x < r.users(); x++) {
      double previous = 0;
      for (int k : KS) {
        double recall = r.perUser("recall@" + k)[x];
        assertThat(recall).isGreaterThanOrEqualTo(previous);
        previous = recall;
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void filteredItem_isNeverRecommended(long seed) {
    Split s = split(seed);
    for (Evaluator.Target target : Evaluator.Target.values()) {
      Report r = new Evaluator(KS, 1).evaluate(adversarial(s, seed), s, target);
      int[] users = r.evaluatedUsers();
      for (int x = 0; x < users.length; x++) {
        BitSet excluded = new BitSet();
        for (int p = s.train().userStart(users[x]); p < s.train().userEnd(users[x]); p++) {
          excluded.set(s.train().itemAt(p));
        }
        if (target == Evaluator.Target.TEST) {
          for (int i : s.valid().items(users[x])) {
            excluded.set(i);
          }
        }
        for (int item : r.recommended(x)) {
          assertThat(excluded.get(item)).as("user %d got filtered item %d", users[x], item).isFalse();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void metrics_lieInZeroOne_exceptNovelty(long seed) {
    Split s = split(seed);
    Report r = new Evaluator(KS, 1).evaluate(adversarial(s, seed), s, Evaluator.Target.TEST);
    for (Map.Entry<String, Double> e : r.means().entrySet()) {
      if (e.getKey().startsWith("novelty")) {
        assertThat(e.getValue()).as(e.getKey()).isGreaterThanOrEqualTo(0);
      } else {
        assertThat(e.getValue()).as(e.getKey()).isBetween(0.0, 1.0);
      }
    }
    for (String m : List.of("recall@5", "precision@5", "f1@5", "ndcg@5", "hit@5", "mrr@5", "map@5", "ild@5")) {
      for (double v : r.perUser(m)) {
        if (!Double.isNaN(v)) {
          assertThat(v).as(m).isBetween(0.0, 1.0);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void report_isTheSameWhateverTheThreadCount(long seed) {
    InteractionSnapshot big = Fixtures.random(seed, 300, 40);
    Split s = new Protocol("any", 0, true, 0, 0, false, Splitter.ratio(0.8, 0.1, 0.1)).split(big, seed);
    Model m = adversarial(s, seed);
    Report one = new Evaluator(KS, 1).evaluate(m, s, Evaluator.Target.TEST);
    Report three = new Evaluator(KS, 3).evaluate(m, s, Evaluator.Target.TEST);
    assertThat(three.means()).isEqualTo(one.means());
    assertThat(three.ci95()).isEqualTo(one.ci95());
  }
}
