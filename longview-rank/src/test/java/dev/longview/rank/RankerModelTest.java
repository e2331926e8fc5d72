package dev.longview.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankerModelTest {
  private static SyntheticShop shop;
  private static Ranker ranker;

  @BeforeAll
  static void train() {
    shop = new SyntheticShop(200, 5);
    RankerFeatures features = RankerFeatures.of(shop.snapshot, null, null, ZoneId.of("UTC"), 7);
    ranker = new RankerTrainer(RankerConfig.defaults(3).withRounds(40).withMinDataInLeaf(20))
        .train(features, List.of("pop"), shop.groups(shop.trainLog));
  }

  @AfterAll
  static void close() {
    ranker.close();
  }

  private static List<RankRequest> testRequests() {
    return shop.groups(shop.testLog).stream().limit(30).map(LabeledGroup::request).toList();
  }

  @Test
  void writeThenRead_givesIdenticalScoresAndExplanations(@TempDir Path dir) throws Exception {
    List<String> files = ranker.model().writeTo(dir);
    assertThat(files).containsExactly(RankerModel.MODEL_FILE, RankerModel.META_FILE);
    try (RankerModel back = RankerModel.read(dir)) {
      assertThat(back.sources()).isEqualTo(ranker.sources());
      assertThat(back.devices()).isEqualTo(ranker.model().devices());
      assertThat(back.stages()).isEqualTo(ranker.model().stages());
      assertThat(back.zone()).isEqualTo(ZoneId.of("UTC"));
      assertThat(back.text()).isEqualTo(ranker.modelText());
      Ranker view = back.on(shop.snapshot, null);
      List<RankRequest> reqs = testRequests();
      assertThat(view.score(reqs)).containsExactly(ranker.score(reqs));
      RankRequest one = reqs.get(0);
      assertThat(view.rank(one, 3)).isEqualTo(ranker.rank(one, 3));
      assertThat(view.sourceContributions(one)).containsExactly(ranker.sourceContributions(one));
      view.close(); // a view does not own the booster: the model still predicts
      assertThat(back.on(shop.snapshot, null).score(reqs)).containsExactly(ranker.score(reqs));
    }
  }

  @Test
  void sourceContributions_sumTheSourceFeaturesShapValues() {
    RankRequest r = testRequests().get(1);
    float[] parts = ranker.sourceContributions(r);
    assertThat(parts).hasSize(r.items().length);
    List<RankedCandidate> all = ranker.rank(r, ranker.featureNames().size());
    for (RankedCandidate c : all) {
      int k = java.util.Arrays.stream(r.items()).boxed().toList().indexOf(c.item());
      double src = c.contributions().stream().filter(x -> x.feature().startsWith("src_pop_"))
          .mapToDouble(Contribution::contribution).sum();
      assertThat((double) parts[k]).isCloseTo(src, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void read_rejectsAMissingOrDamagedBundle_withTheFix(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> RankerModel.read(dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no ranker").hasMessageContaining("train --model ranker");
    ranker.model().writeTo(dir);
    Files.writeString(dir.resolve(RankerModel.META_FILE), "{\"format\": 2, \"sources\": [\"pop\"]}");
    assertThatThrownBy(() -> RankerModel.read(dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("damaged");
    ranker.model().writeTo(dir);
    String meta = Files.readString(dir.resolve(RankerModel.META_FILE))
        .replace("\"pop\"", "\"ials\"");
    Files.writeString(dir.resolve(RankerModel.META_FILE), meta);
    // Feature names follow the sources: a renamed source no longer matches.
    assertThatThrownBy(() -> RankerModel.read(dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("train the ranker again");
  }

  /**
   * Format 1 (before the user signal features) is refused with the fix, not served with a feature
   * row its trees do not index. The bundle below is what format 1 wrote: no stage vocabulary, the
   * 22 base features and 3 per source.
   */
  @Test
  void read_refusesAFormat1Bundle_withTheReasonAndTheFix(@TempDir Path dir) throws Exception {
    ranker.model().writeTo(dir);
    List<String> v1 = new java.util.ArrayList<>(RankerFeatures.names(List.of("pop")));
    v1.removeAll(List.of("user_stage", "user_churn_risk", "user_monetary_log"));
    assertThat(v1).hasSize(22 + 3);
    String features = v1.stream().map(f -> "\"" + f + "\"").collect(
        java.util.stream.Collectors.joining(", "));
    Files.writeString(dir.resolve(RankerModel.META_FILE), "{\"format\": 1, \"kind\":"
        + " \"lambdamart\", \"sources\": [\"pop\"], \"devices\": {}, \"zone\": \"UTC\","
        + " \"recentDays\": 7, \"threads\": 1, \"trainGroups\": 10, \"trainRows\": 100,"
        + " \"features\": [" + features + "]}");
    assertThatThrownBy(() -> RankerModel.read(dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format 1").hasMessageContaining("lifecycle stage")
        .hasMessageContaining("train the ranker again")
        .hasMessageContaining("longview train --model ranker");
    // The current format round-trips.
    ranker.model().writeTo(dir);
    assertThat(Files.readString(dir.resolve(RankerModel.META_FILE))).contains("\"format\" : 2")
        .contains("\"stages\"").contains("user_stage");
    try (RankerModel back = RankerModel.read(dir)) {
      assertThat(back.stages()).isEqualTo(ranker.model().stages());
    }
  }
}
