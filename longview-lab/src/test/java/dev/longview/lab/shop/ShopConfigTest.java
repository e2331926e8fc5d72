package dev.longview.lab.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ShopConfigTest {
  private static final ShopConfig D = ShopConfig.defaults();

  @Test
  void defaults_areTheDocumentedValues() {
    assertThat(D.seed()).isEqualTo(42);
    assertThat(D.users()).isEqualTo(2_000);
    assertThat(D.items()).isEqualTo(500);
    assertThat(D.categories()).isEqualTo(12);
    assertThat(D.startDate()).isEqualTo(LocalDate.of(2025, 1, 1));
    assertThat(D.days()).isEqualTo(180);
    assertThat(D.zone()).isEqualTo(ZoneId.of("Europe/London"));
    assertThat(D.newItemShare()).isEqualTo(0.15);
    assertThat(D.userGrowth()).isEqualTo(1.0);
    assertThat(D.resurrectionProbability()).isEqualTo(0.5);
    assertThat(D.idPrefix()).isEqualTo("demo");
  }

  @Test
  void withers_changeOnlyTheirField() {
    ShopConfig c = D.withSeed(7).withUsers(10).withItems(30).withCategories(3)
        .withPeriod(LocalDate.of(2024, 3, 1), 10, ZoneId.of("UTC"))
        .withNewItemShare(0.5).withUserGrowth(0).withResurrectionProbability(1).withIdPrefix("t");
    assertThat(c).isEqualTo(new ShopConfig(7, 10, 30, 3, LocalDate.of(2024, 3, 1), 10,
        ZoneId.of("UTC"), 0.5, 0, 1, "t"));
  }

  @Test
  void maxCategories_isTheNumberOfWordListProfiles() {
    assertThat(ShopConfig.MAX_CATEGORIES).isEqualTo(16);
    assertThat(D.withCategories(16).withItems(16).categories()).isEqualTo(16);
  }

  static Stream<Arguments> invalidConfigs() {
    return Stream.of(
        Arguments.of((Supplier<ShopConfig>) () -> D.withUsers(0), "users was 0; use 1 to 1,000,000"),
        Arguments.of((Supplier<ShopConfig>) () -> D.withItems(5),
            "items was 5; use 12 (one per category) to 1,000,000, or lower categories"),
        Arguments.of((Supplier<ShopConfig>) () -> D.withCategories(17),
            "categories was 17; use 1 to 16 (only that many categories have word lists)"),
        Arguments.of((Supplier<ShopConfig>) () -> D.withPeriod(D.startDate(), 0, D.zone()),
            "days was 0; use 1 to 3,650"),
        Arguments.of((Supplier<ShopConfig>) () -> D.withNewItemShare(1.0),
            "newItemShare was 1.0; use a share in [0, 1) so that some items exist when the shop opens"),
        Arguments.of((Supplier<ShopConfig>) () -> D.withNewItemShare(Double.NaN), "newItemShare was NaN"),
        Arguments.of((Supplier<ShopConfig>) () -> D.withUserGrowth(-0.5),
            "userGrowth was -0.5; use a finite number >= 0 (0 = steady arrivals, 1 = twice the rate at the end)"),
        Arguments.of((Supplier<ShopConfig>) () -> D.withResurrectionProbability(1.5),
            "resurrectionProbability was 1.5; use a probability in [0, 1]"),
        Arguments.of((Supplier<ShopConfig>) () -> D.withIdPrefix("my demo"),
            "idPrefix was \"my demo\"; use 1 to 64 letters, digits, '-' or '_', e.g. \"demo\""));
  }

  @ParameterizedTest
  @MethodSource("invalidConfigs")
  void constructor_rejectsInvalidValuesSayingWhatToUse(Supplier<ShopConfig> config, String message) {
    assertThatThrownBy(config::get)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void constructor_rejectsMissingDateAndZone() {
    assertThatThrownBy(() -> D.withPeriod(null, 10, D.zone()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("startDate is null");
    assertThatThrownBy(() -> D.withPeriod(D.startDate(), 10, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("zone is null");
  }
}
