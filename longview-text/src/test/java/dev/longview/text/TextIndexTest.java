package dev.longview.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.text.TextEncoder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class TextIndexTest {
  private static final List<String> IDS = List.of("alien", "aliens", "toy", "heat", "notext");
  private static final List<String> TEXTS = List.of(
      "Alien (1979). Horror. Sci-Fi", "Aliens (1986). Action. Horror. Sci-Fi",
      "Toy Story (1995). Animation. Children. Comedy", "Heat (1995). Action. Crime. Thriller", "");

  private static TextIndex index() {
    return TextIndex.build(TfIdfEncoder.fit(TEXTS), IDS, TEXTS);
  }

  @Test
  void nearestToText_ranksByCosine() {
    List<TextIndex.Hit> hits = index().nearestToText("space horror sci-fi", 2, null);
    assertThat(hits).extracting(TextIndex.Hit::itemId).containsExactlyInAnyOrder("alien", "aliens");
    assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(1).score()).isGreaterThan(0f);
  }

  @Test
  void nearestToItems_usesTheMeanProfile_andNeverReturnsConsumedItems() {
    TextIndex idx = index();
    List<TextIndex.Hit> hits = idx.nearestToItems(List.of("alien", "unknown-id"), 3);
    assertThat(hits.get(0).itemId()).isEqualTo("aliens");
    assertThat(hits).extracting(TextIndex.Hit::itemId).doesNotContain("alien");
    // Profile of two items = normalised mean of their vectors, computed by hand.
    float[] a = idx.vector(0);
    float[] b = idx.vector(2);
    float[] mean = new float[a.length];
    for (int j = 0; j < a.length; j++) {
      mean[j] = a[j] + b[j];
    }
    TextEncoder.normalize(mean);
    float[] p = idx.profileOf(List.of("alien", "toy"));
    for (int j = 0; j < a.length; j++) {
      assertThat(p[j]).isCloseTo(mean[j], offset(1e-6f));
    }
    assertThat(hits.get(0).score()).isCloseTo(TextEncoder.dot(idx.profileOf(List.of("alien")), idx.vector(1)), offset(1e-6f));
  }

  @Test
  void withItems_makesANewItemSearchable_andLeavesTheOldIndexAlone() {
    TextIndex idx = index();
    TextIndex more = idx.withItems(List.of("toy2", "heat"), List.of("Toy Story 2 (1999). Animation. Comedy", "Heat. Crime"));
    assertThat(idx.size()).isEqualTo(5);
    assertThat(more.size()).isEqualTo(6);
    assertThat(more.indexOf("toy2")).isEqualTo(5);
    assertThat(more.nearestToItems(List.of("toy"), 1).get(0).itemId()).isEqualTo("toy2");
    assertThat(more.vector(more.indexOf("heat"))).isNotEqualTo(idx.vector(idx.indexOf("heat")));
    assertThat(more.vector(0)).isEqualTo(idx.vector(0));
  }

  @RepeatedTest(10)
  void aFilteredItemIsNeverReturned(RepetitionInfo info) {
    Random r = new Random(info.getCurrentRepetition());
    List<String> texts = TfIdfEncoderTest.randomCorpus(r, 60);
    List<String> ids = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "i" + i).toList();
    TextIndex idx = TextIndex.build(TfIdfEncoder.fit(texts), ids, texts);
    ItemFilter filter = new ItemFilter(60);
    for (int i = 0; i < 60; i++) {
      if (r.nextInt(3) == 0) {
        filter.exclude(i);
      }
    }
    int k = 1 + r.nextInt(60);
    List<TextIndex.Hit> hits = idx.nearestToText(texts.get(r.nextInt(60)), k, filter);
    for (int i = 1; i < hits.size(); i++) {
      assertThat(hits.get(i - 1).score()).isGreaterThanOrEqualTo(hits.get(i).score());
    }
    assertThat(hits).allSatisfy(h -> assertThat(filter.excluded(h.index())).isFalse());
  }

  @Test
  void badInput_isRefusedWithTheReason() {
    TfIdfEncoder enc = TfIdfEncoder.fit(TEXTS);
    assertThatThrownBy(() -> TextIndex.build(enc, List.of("a"), List.of("x", "y")))
        .hasMessageContaining("1 item ids but 2 texts");
    assertThatThrownBy(() -> TextIndex.build(enc, List.of("a", "a"), List.of("x", "y")))
        .hasMessageContaining("\"a\" repeated at position 1");
    assertThatThrownBy(() -> index().nearest(new float[3], 1, null))
        .hasMessageContaining("query vector has length 3");
    assertThatThrownBy(() -> index().nearest(new float[512], 1, new ItemFilter(4)))
        .hasMessageContaining("filter covers 4 items; this index holds 5");
  }
}
