package dev.longview.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventTypeTest {
  private final EventTypes types = EventTypes.defaults();

  private float weight(String type, Double value) {
    return types.get(type).orElseThrow().interactionWeight(value);
  }

  @Test
  void defaultWeights_followThePolarityAndValueRules() {
    assertThat(weight("view", null)).isEqualTo(1f);
    assertThat(weight("click", 7.0)).isEqualTo(2f); // value ignored
    assertThat(weight("rating", 4.0)).isEqualTo(4f);
    assertThat(weight("rating", null)).isEqualTo(1f);
    assertThat(weight("purchase", 3.0)).isEqualTo(5f);
    assertThat(weight("purchase", -3.0)).isEqualTo(-5f); // a cancellation
    assertThat(weight("dislike", null)).isEqualTo(-3f);
    assertThat(weight("impression", null)).isZero();
    assertThat(weight("visit", null)).isZero();
  }

  @Test
  void problem_namesTheUnknownTypeAndTheKnownOnes() {
    Event e = Event.of("u", "i", "teleport", OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(types.problem(e)).startsWith("unknown event type \"teleport\"; known types are view, click");
  }

  @Test
  void badTypeDefinitions_sayWhatIsWrong() {
    assertThatThrownBy(() -> new EventType("Share", 1, EventType.Polarity.POSITIVE, EventType.ValueMode.IGNORE, true))
        .hasMessageContaining("must be lower-case");
    assertThatThrownBy(() -> new EventType("share", -1, EventType.Polarity.POSITIVE, EventType.ValueMode.IGNORE, true))
        .hasMessageContaining("weight -1.0; use a finite weight >= 0");
  }

  @Test
  void ids_withControlCharactersOrSpaces_areRefused() {
    assertThat(Ids.problem("ok-id")).isNull();
    assertThat(Ids.problem(" padded")).isEqualTo("has leading or trailing white space");
    assertThat(Ids.problem("a\tb")).isEqualTo("contains a control character at position 1");
    assertThat(Ids.problem("x".repeat(257))).isEqualTo("is 257 characters long (at most 256 allowed)");
    assertThatThrownBy(() -> Event.of("", "i", "view", OffsetDateTime.now(ZoneOffset.UTC)))
        .hasMessage("user id \"\" is empty");
  }
}
