package dev.longview.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.model.SequenceModel;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SequenceRecall} with a hand-written sequential model whose item list differs from the
 * snapshot's (another order, an item the snapshot lacks, snapshot items it lacks).
 */
class SequenceRecallTest {
  /**
   * A next-item model by rule: after item "iN" the best next one is "i(N+7)", then its
   * neighbours by distance. The item "gone" (not in the snapshot) always scores highest.
   */
  record PlusSeven(List<String> ids) implements SequenceModel {
    @Override
    public int userCount() {
      return 0;
    }

    @Override
    public int itemCount() {
      return ids.size();
    }

    @Override
    public void score(int user, float[] scores) {
      throw new IllegalArgumentException("no users");
    }

    @Override
    public void scoreSequence(int[] recentItems, float[] scores) {
      int target = number(ids.get(recentItems[recentItems.length - 1])) + 7;
      for (int k = 0; k < ids.size(); k++) {
        scores[k] = ids.get(k).equals("gone") ? 1000f : -Math.abs(number(ids.get(k)) - target);
      }
    }

    static int number(String id) {
      return id.startsWith("i") ? Integer.parseInt(id.substring(1)) : -100;
    }
  }

  static InteractionSnapshot shop;
  static ModelSet models;
  static Pipeline pipeline = Pipeline.standard(Shop.config());

  @BeforeAll
  static void train() {
    shop = Shop.small(); // items i0..i59
    // The model's items: "gone", then i59 down to i0 except i12 and i40.
    List<String> ids = new ArrayList<>(List.of("gone"));
    for (int i = 59; i >= 0; i--) {
      if (i != 12 && i != 40) {
        ids.add("i" + i);
      }
    }
    models = ModelSet.train(shop, Shop.config(), Map.of(), 42, TextEncoderFactory.tfidf(),
        new SequenceSource("plus-seven", new PlusSeven(ids), ids));
  }

  private static RecommendRequest session(String... items) {
    List<RecommendRequest.RecentItem> recent = new ArrayList<>();
    for (String i : items) {
      recent.add(new RecommendRequest.RecentItem(i, "session"));
    }
    return new RecommendRequest(null, 60, 0, null, null, recent, null, null, null, true);
  }

  private static Optional<Recommendation.Item> find(Recommendation r, String id) {
    return r.items().stream().filter(i -> i.itemId().equals(id)).findFirst();
  }

  private static List<String> bySequence(Recommendation r) {
    return r.items().stream().filter(i -> i.sources().contains("sequence"))
        .map(Recommendation.Item::itemId).toList();
  }

  @Test
  void sessionItems_drivesTheRecall_andTheReasonNamesTheLatest() {
    Recommendation r = pipeline.recommend(models, session("i3", "i20"), null);
    Recommendation.Item next = find(r, "i27").orElseThrow();
    assertThat(next.sources()).contains("sequence");
    assertThat(next.reasons()).contains("often next after \"Item 20\" (i20)");

    Recommendation other = pipeline.recommend(models, session("i3", "i45"), null);
    assertThat(find(other, "i52").orElseThrow().reasons())
        .contains("often next after \"Item 45\" (i45)");
    assertThat(bySequence(other)).isNotEqualTo(bySequence(r));
  }

  @Test
  void noRecentItems_noSequenceRecall() {
    Recommendation r = pipeline.recommend(models, RecommendRequest.of("stranger", 60), null);
    assertThat(bySequence(r)).isEmpty();
    Recommendation known = pipeline.recommend(models, RecommendRequest.of("u0", 60), null);
    assertThat(bySequence(known)).isEmpty();
  }

  @Test
  void itemsOnlyOneSideKnows_areIgnored() {
    // i5 + 7 = i12, which the model lacks: neighbours i11 and i13 come first; "gone" never.
    Recommendation r = pipeline.recommend(models, session("i5"), null);
    assertThat(bySequence(r)).contains("i11", "i13").doesNotContain("i12", "i40", "gone");
    // A session item the model lacks is left out of the sequence: i40 adds nothing, i30 anchors.
    Recommendation mixed = pipeline.recommend(models, session("i30", "i40"), null);
    assertThat(find(mixed, "i37").orElseThrow().reasons())
        .contains("often next after \"Item 30\" (i30)");
    // Only items the model does not know: nothing from the sequence source.
    assertThat(bySequence(pipeline.recommend(models, session("i12", "i40"), null))).isEmpty();
  }

  @Test
  void mapping_matchesByExternalId() {
    SequenceSource.Mapped m = models.sequence();
    assertThat(m.matched()).isEqualTo(58);
    assertThat(m.toSnapshot()[0]).isEqualTo(-1); // "gone"
    assertThat(m.toModel()[shop.itemIndex("i12")]).isEqualTo(-1);
    int k = m.toModel()[shop.itemIndex("i59")];
    assertThat(k).isEqualTo(1);
    assertThat(m.toSnapshot()[k]).isEqualTo(shop.itemIndex("i59"));
    assertThat(ModelSet.train(shop, Shop.config(), 42).sequence()).isNull();
  }

  @Test
  void source_rejectsAnItemListOfTheWrongSize() {
    assertThatThrownBy(() -> new SequenceSource("x", new PlusSeven(List.of("i1", "i2")),
        List.of("i1"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("knows 2 items but 1 item ids");
  }
}
