package dev.longview.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemTextTest {
  @Test
  void of_joinsTitleDescriptionCategoriesAndExtra_skippingBlanks() {
    Item item = new Item("i1", List.of("Movies", "Sci-Fi"), " Alien (1979) ", "", null, Map.of(), null, false);
    assertThat(ItemText.of(item)).isEqualTo("Alien (1979). Movies. Sci-Fi");
    assertThat(ItemText.of(null, "space horror", List.of(), List.of("creepy", " "))).isEqualTo("space horror. creepy");
    assertThat(ItemText.of(null, null, null, null)).isEmpty();
  }

  @Test
  void normalize_givesUnitLength_andZeroStaysZero() {
    float[] v = TextEncoder.normalize(new float[] {3, 4});
    assertThat(v).containsExactly(0.6f, 0.8f);
    assertThat(TextEncoder.dot(v, v)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(TextEncoder.normalize(new float[] {0, 0})).containsExactly(0f, 0f);
    assertThat(TextEncoder.normalize(new float[] {Float.NaN, 1})).containsExactly(0f, 0f);
  }

  @Test
  void dot_refusesVectorsOfDifferentLength() {
    assertThatThrownBy(() -> TextEncoder.dot(new float[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 2 and 3");
  }
}
