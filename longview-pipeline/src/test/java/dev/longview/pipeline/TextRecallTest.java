package dev.longview.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Text recall in the standard pipeline on a small catalogue with real titles: two tastes (space
 * films, cooking books) and two new items with no interactions, in a category nobody has
 * interacted with (so that category-based new-item recall cannot find them).
 */
class TextRecallTest {
  static InteractionSnapshot snapshot;
  static ModelSet models;
  static Pipeline pipeline;

  static final String[][] SPACE = {
      {"s0", "Alien: space horror aboard a mining ship"},
      {"s1", "Gravity: astronauts stranded in space"},
      {"s2", "Space station odyssey"},
      {"s3", "Interstellar voyage through a wormhole in space"},
      {"s4", "Apollo 13: a space mission in trouble"},
      {"s5", "The Martian: surviving alone on Mars"}};
  static final String[][] COOKING = {
      {"c0", "Italian pasta cookbook"},
      {"c1", "Baking bread at home"},
      {"c2", "Vegetarian curry recipes"},
      {"c3", "French pastry techniques"},
      {"c4", "Quick weeknight dinners cookbook"},
      {"c5", "Fermenting vegetables and kimchi"}};

  @BeforeAll
  static void train() {
    SnapshotBuilder b = new SnapshotBuilder();
    int[] space = new int[SPACE.length];
    int[] cooking = new int[COOKING.length];
    for (int i = 0; i < SPACE.length; i++) {
      space[i] = b.addItem(SPACE[i][0], List.of("film", "science fiction"), SPACE[i][1], null, false);
    }
    for (int i = 0; i < COOKING.length; i++) {
      cooking[i] = b.addItem(COOKING[i][0], List.of("book", "cooking"), COOKING[i][1], null, false);
    }
    // New items: no interactions, and a category no user has.
    b.addItem("new-space", List.of("new releases"), "Space pirates: an odyssey beyond the station",
        null, false);
    b.addItem("new-pasta", List.of("new releases"), "Fresh pasta and sauces", null, false);
    long t = 1_700_000_000L;
    for (int u = 0; u < 40; u++) {
      int user = b.addUser("u" + u, null, null);
      int[] taste = u % 2 == 0 ? space : cooking;
      for (int k = 0; k < 4; k++) {
        b.addInteraction(user, taste[(u / 2 + k) % taste.length], 1f, t += 60);
      }
    }
    snapshot = b.build();
    models = ModelSet.train(snapshot, PipelineConfig.defaults(), 42);
    pipeline = Pipeline.standard(PipelineConfig.defaults());
  }

  private static Optional<Recommendation.Item> find(Recommendation r, String itemId) {
    return r.items().stream().filter(i -> i.itemId().equals(itemId)).findFirst();
  }

  @Test
  void newItemWithMatchingText_isRecalledForAUserWhoseHistoryMatches_withTheAnchorAsReason() {
    assertThat(models.textIndex()).isNotNull();
    assertThat(models.textIndex().size()).isEqualTo(snapshot.itemCount());
    // u0 likes space films; the new space item has no interactions and an unliked category.
    Recommendation r = pipeline.recommend(models, RecommendRequest.of("u0", 8), null);
    Recommendation.Item item = find(r, "new-space").orElseThrow(
        () -> new AssertionError("new-space not recommended: " + r.items()));
    // (Factor and trending recall return the whole of this tiny catalogue too.)
    assertThat(item.sources()).contains("text");
    String reason = item.reasons().stream().filter(x -> x.startsWith("new: similar to \""))
        .findFirst().orElseThrow(() -> new AssertionError("no text reason: " + item.reasons()));
    assertThat(reason).endsWith(", which you liked");
    // The anchor named is one of the user's own space films, by title and id.
    int u = snapshot.userIndex("u0");
    Set<String> consumed = new java.util.HashSet<>();
    for (int p = snapshot.userStart(u); p < snapshot.userEnd(u); p++) {
      consumed.add(snapshot.itemId(snapshot.itemAt(p)));
    }
    assertThat(consumed.stream().anyMatch(id -> reason.contains("(" + id + ")"))).isTrue();
    // The new cooking item's text shares nothing with u0's films: text recall does not offer it.
    assertThat(find(r, "new-pasta").map(Recommendation.Item::sources).orElse(List.of()))
        .doesNotContain("text");
  }

  @Test
  void queryText_recallsTheMatchingItems_withTheQueryAsReason() {
    // A space fan searching for pasta: the pasta items are what text recall returns.
    RecommendRequest req = new RecommendRequest("u0", 10, 0, null, null, null, "pasta", null,
        null, true);
    Recommendation r = pipeline.recommend(models, req, null);
    for (String id : List.of("c0", "new-pasta")) {
      Recommendation.Item item = find(r, id).orElseThrow(
          () -> new AssertionError(id + " not recommended for the query: " + r.items()));
      assertThat(item.sources()).contains("query");
      assertThat(item.reasons()).contains("matches your search \"pasta\"");
    }
    // The query outweighs u0's space taste: the two pasta items lead.
    assertThat(r.items().subList(0, 2)).extracting(Recommendation.Item::itemId)
        .containsExactlyInAnyOrder("c0", "new-pasta");
    // Anonymous, with a query: the best match comes first (text outweighs trending).
    RecommendRequest anon = new RecommendRequest(null, 1, 0, null, null, null, "pasta", null,
        null, true);
    Recommendation.Item top = pipeline.recommend(models, anon, null).items().get(0);
    assertThat(top.itemId()).isIn("c0", "new-pasta");
    assertThat(top.reasons().get(0)).isEqualTo("matches your search \"pasta\"");
  }

  @Test
  void similarItems_includeTheTextNeighbours() {
    Recommendation r = pipeline.similar(models, "c0", 10, null);
    Recommendation.Item item = find(r, "new-pasta").orElseThrow(
        () -> new AssertionError("new-pasta not similar to c0: " + r.items()));
    assertThat(item.sources()).contains("text");
    assertThat(item.reasons()).contains("new: similar to \"Italian pasta cookbook\" (c0)");
  }

  @Test
  void queryWithNoKnownWord_recallsNothingByText() {
    RecommendRequest req = new RecommendRequest(null, 5, 0, null, null, null, "zzyzx qwv", null,
        null, true);
    assertThat(pipeline.recommend(models, req, null).items()).hasSize(5)
        .allSatisfy(i -> assertThat(i.sources()).doesNotContain("text", "query"));
  }

  @Test
  void failingEncoder_leavesTextRecallEmpty_andTheModelsServing() {
    ModelSet m = ModelSet.train(snapshot, PipelineConfig.defaults(), java.util.Map.of(), 42,
        corpus -> {
          throw new IllegalStateException("encoder broken");
        });
    assertThat(m.textIndex()).isNull();
    Recommendation r = pipeline.recommend(m, RecommendRequest.of("u0", 5), null);
    assertThat(r.items()).hasSize(5).allSatisfy(i -> assertThat(i.sources()).doesNotContain("text"));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3})
  void sparseScoring_equalsTheDenseIndex(long seed) {
    TextVectors tv = models.textVectors;
    assertThat(tv.sparse()).isTrue();
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    int n = tv.size();
    float[] q = models.textIndex().profile(new int[] {r.nextInt(n), r.nextInt(n)}, null);
    float[] sparse = new float[n];
    float[] dense = new float[n];
    tv.scores(q, sparse);
    models.textIndex().scores(q, dense);
    for (int i = 0; i < n; i++) {
      assertThat(sparse[i]).isCloseTo(dense[i], org.assertj.core.data.Offset.offset(1e-5f));
      assertThat(tv.dot(i, q)).isCloseTo(dense[i], org.assertj.core.data.Offset.offset(1e-5f));
    }
  }
}
