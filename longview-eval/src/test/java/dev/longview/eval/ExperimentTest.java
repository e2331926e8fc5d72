package dev.longview.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentTest {
  private static final Protocol P = new Protocol("t", 0, true, 0, 0, false, Splitter.ratio(0.6, 0.2, 0.2));

  /**
   * A "model" with one parameter: {@code good} = 1 ranks by training popularity, anything else
   * ranks the highest item index first (the rarest items in {@link #skewed}).
   */
  private static final TrainerFactory FACTORY = (params, seed) -> train -> {
    boolean good = Double.parseDouble(params.getOrDefault("good", "0")) >= 0.5;
    Model pop = Fixtures.popularity(train);
    return good ? pop : Fixtures.model(train.userCount(), train.itemCount(), (u, i) -> i);
  };

  @Test
  void tuning_picksTheBetterParameters_onValid_andReportsThem() {
    InteractionSnapshot s = skewed(3, 200, 30);
    ExperimentResult r = Experiment.run(P.prepare(s), P.splitter(), FACTORY, Map.of(),
        List.of(new SearchDimension("good", 0, 1, false, true)),
        new ExperimentConfig(List.of(1L, 2L), 8, "ndcg@10", List.of(10), 1), null);
    assertThat(r.runs()).hasSize(2);
    for (ExperimentResult.SeedRun run : r.runs()) {
      assertThat(run.params()).containsEntry("good", "1");
      assertThat(run.validObjective()).isPositive();
    }
    assertThat(r.sdAcrossSeeds().get("ndcg@10")).isPositive();
  }

  /** Users pick low item indices far more often (index ~ items * U^3), so popularity is informative. */
  private static InteractionSnapshot skewed(long seed, int users, int items) {
    java.util.Random rnd = new java.util.Random(seed);
    List<int[]> rows = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      java.util.BitSet seen = new java.util.BitSet();
      for (int k = 0; k < 8; k++) {
        int i = (int) (items * Math.pow(rnd.nextDouble(), 3));
        if (!seen.get(i)) {
          seen.set(i);
          rows.add(new int[] {u, i, 1, k});
        }
      }
    }
    return Fixtures.snapshot(users, items, 0, rows.toArray(int[][]::new));
  }

  @Test
  void trials_startWithTheGivenParameters_keepFixedOnes_andAreSeeded() {
    List<SearchDimension> space = List.of(new SearchDimension("lambda", 1, 1000, true, false),
        new SearchDimension("k", 10, 20, false, true));
    List<Map<String, String>> a = Experiment.trials(Map.of("k", "15"), space, 5, 9);
    assertThat(a).hasSize(5);
    assertThat(a.get(0)).isEqualTo(Map.of("k", "15"));
    for (Map<String, String> t : a.subList(1, 5)) {
      assertThat(t).containsEntry("k", "15");
      assertThat(Double.parseDouble(t.get("lambda"))).isBetween(1.0, 1000.0);
      assertThat(t.get("lambda")).matches("\\d+(\\.\\d+)?").hasSizeLessThanOrEqualTo(5);
    }
    assertThat(Experiment.trials(Map.of("k", "15"), space, 5, 9)).isEqualTo(a);
    assertThat(Experiment.trials(Map.of(), List.of(), 5, 9)).hasSize(1);
  }

  @Test
  void withoutTuning_eachSeedTrainsOnce_withTheGivenParameters() {
    List<String> log = new ArrayList<>();
    InteractionSnapshot s = Fixtures.random(4, 50, 30);
    ExperimentResult r = Experiment.run(P.prepare(s), P.splitter(), FACTORY, Map.of("good", "1"),
        List.of(), new ExperimentConfig(ExperimentConfig.seeds(42, 3), 0, null, null, 2), log::add);
    assertThat(r.runs()).extracting(ExperimentResult.SeedRun::seed).containsExactly(42L, 43L, 44L);
    assertThat(r.runs().get(0).validObjective()).isNaN();
    assertThat(r.mean()).containsKeys("recall@10", "ndcg@20", "gini@20");
    assertThat(r.mean().get("recall@10")).isEqualTo(
        r.runs().stream().mapToDouble(x -> x.test().mean("recall@10")).sum() / 3, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(log).anyMatch(l -> l.startsWith("seed 43: test ndcg@10"));
  }
}
