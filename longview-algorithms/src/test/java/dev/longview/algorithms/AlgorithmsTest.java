package dev.longview.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.model.TopK;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every registered algorithm meets. */
class AlgorithmsTest {
  private static final int ITEMS = 24;

  static Iterable<String> algorithms() {
    return Algorithms.names();
  }

  private static Map<String, String> small(String name) {
    return switch (name) {
      case "ials" -> Map.of("factors", "4", "iterations", "3");
      case "bpr" -> Map.of("factors", "4", "epochs", "3");
      case "lightgcn" -> Map.of("factors", "4", "epochs", "3");
      default -> Map.of();
    };
  }

  @Test
  void names_listEveryModelOfTheIssue() {
    assertThat(Algorithms.names())
        .containsExactly("pop", "itemknn", "userknn", "rp3beta", "ials", "bpr", "ease", "lightgcn");
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void searchSpace_namesOnlyDeclaredParametersAndContainsTheDefault(String name) {
    Map<String, String> defaults = Algorithms.defaults(name);
    for (Param p : Algorithms.searchSpace(name)) {
      assertThat(defaults).containsKey(p.name());
      double d = Double.parseDouble(defaults.get(p.name()));
      assertThat(d).as(p.name()).isBetween(p.min(), p.max());
    }
    assertThat(Algorithms.trainer(name, Map.of(), 1)).isNotNull();
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void train_isDeterministicForASeedAndNeverReturnsAFilteredItem(String name) {
    for (long seed = 1; seed <= 3; seed++) {
      int[][] rows = Snapshots.planted(30, ITEMS, 3, 0.4, 0.05, seed);
      rows[4] = new int[0];
      InteractionSnapshot s = Snapshots.of(ITEMS, rows);
      Model a = Algorithms.trainer(name, small(name), seed).train(s);
      Model b = Algorithms.trainer(name, small(name), seed).train(s);
      assertThat(a.userCount()).isEqualTo(30);
      assertThat(a.itemCount()).isEqualTo(ITEMS);
      float[] sa = new float[ITEMS];
      float[] sb = new float[ITEMS];
      TopK top = new TopK(5);
      ItemFilter filter = new ItemFilter(ITEMS);
      for (int u = 0; u < 30; u++) {
        a.score(u, sa);
        b.score(u, sb);
        assertThat(sb).isEqualTo(sa);
        assertThat(sa).doesNotContain(Float.NaN);
        filter.clear();
        for (int i : rows[u]) {
          filter.exclude(i);
        }
        for (int i : top.select(sa, ITEMS, filter)) {
          assertThat(filter.excluded(i)).isFalse();
        }
      }
    }
  }

  @Test
  void trainer_refusesAnUnknownModelAndListsTheKnownOnes() {
    assertThatThrownBy(() -> Algorithms.trainer("slim", Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown model \"slim\"")
        .hasMessageContaining("ease");
  }

  @Test
  void trainer_refusesAnUnknownParameterAndListsTheKnownOnes() {
    assertThatThrownBy(() -> Algorithms.trainer("ials", Map.of("rank", "64"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no parameter \"rank\"")
        .hasMessageContaining("factors");
  }

  @Test
  void trainer_refusesBadValuesWithTheRule() {
    assertThatThrownBy(() -> Algorithms.trainer("ials", Map.of("factors", "sixty"), 0))
        .hasMessageContaining("must be a number, got \"sixty\"");
    assertThatThrownBy(() -> Algorithms.trainer("ials", Map.of("factors", "0"), 0))
        .hasMessageContaining("factors").hasMessageContaining("between 1 and 4096");
    assertThatThrownBy(() -> Algorithms.trainer("ials", Map.of("threads", "0"), 0))
        .hasMessageContaining("threads").hasMessageContaining(">= 1");
    assertThatThrownBy(() -> Algorithms.trainer("bpr", Map.of("learning_rate", "-1"), 0))
        .hasMessageContaining("learning_rate").hasMessageContaining("> 0");
    assertThatThrownBy(() -> Algorithms.trainer("bpr", Map.of("lr_decay", "1.5"), 0))
        .hasMessageContaining("lr_decay").hasMessageContaining("between 0");
    assertThatThrownBy(() -> Algorithms.trainer("bpr", Map.of("bias_reg", "-0.1"), 0))
        .hasMessageContaining("bias_reg").hasMessageContaining(">= 0");
    assertThatThrownBy(() -> Algorithms.trainer("itemknn", Map.of("k", "2.5"), 0))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> Algorithms.trainer("userknn", Map.of("shrink", "-1"), 0))
        .hasMessageContaining("shrink").hasMessageContaining(">= 0");
    assertThatThrownBy(() -> Algorithms.trainer("rp3beta", Map.of("alpha", "0"), 0))
        .hasMessageContaining("alpha").hasMessageContaining("> 0");
  }
}
