package dev.longview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.lifecycle.LifecycleClassifier.Transition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleClassifierTest {
  private static final LifecycleConfig COMMERCE = LifecycleConfig.commerce();

  @Test
  void fixtureUsers_asOfJan8() {
    ActivityLog log = Fixture.shop();
    var r = LifecycleClassifier.classify(log, COMMERCE, Fixture.AS_OF, ZoneOffset.UTC,
        ReturnScores.NONE);

    // A: 2 orders in 90 days; B: order and its cancellation; C: first seen Jan 3, only a view;
    // D: add_to_cart activates, no purchase; E: 68 days silent; F: 14 days; G: back after 52 days
    assertThat(r.state()).containsExactly(UserState.LOYAL, UserState.CONVERTED, UserState.NEW,
        UserState.ACTIVATED, UserState.CHURNED, UserState.DORMANT, UserState.RESURRECTED);
    assertThat(r.stage()).containsExactly(Stage.LOYALTY, Stage.CONVERSION, Stage.ACQUISITION,
        Stage.ACTIVATION, Stage.ACQUISITION, Stage.ACQUISITION, Stage.ACQUISITION);
    assertThat(r.stateCounts()).containsEntry(UserState.LOYAL, 1).containsEntry(UserState.AT_RISK, 0);
  }

  @Test
  void beforeFirstSeen_noState() {
    var r = LifecycleClassifier.classify(Fixture.shop(), COMMERCE,
        Instant.parse("2023-12-31T12:00:00Z"), ZoneOffset.UTC, ReturnScores.NONE);

    assertThat(r.state()[0]).isNull();                     // A first seen Jan 1
    assertThat(r.state()[1]).isEqualTo(UserState.NEW);     // B seen Dec 31 10:00, no event yet
    assertThat(r.state()[5]).isEqualTo(UserState.ACTIVE);  // F: 6.1 days after Dec 25 is within dormantDays (7)
  }

  @Test
  void atRisk_byModelProbability_orByAnUnusualGap() {
    ActivityLog log = Fixture.shop();
    var byModel = LifecycleClassifier.classifyUser(log, COMMERCE, Fixture.AS_OF, ZoneOffset.UTC,
        3, 0.1);
    assertThat(byModel.state()[0]).isEqualTo(UserState.AT_RISK);

    ActivityLog.Builder b = ActivityLog.builder();
    for (int d = 1; d <= 4; d++) {
      b.event("daily", Fixture.t("2024-01-0" + d + "T09:00:00Z"), "view", Double.NaN, null, "x", 0);
    }
    ActivityLog daily = b.build();
    // gaps {1, 1, 1}; as of Jan 7 00:00 the as-of day is Jan 6, two days after the last visit
    assertThat(LifecycleClassifier.classifyUser(daily, COMMERCE,
        Instant.parse("2024-01-07T00:00:00Z"), ZoneOffset.UTC, 0, Double.NaN).state()[0])
        .isEqualTo(UserState.AT_RISK);
    // as of Jan 5 00:00 (as-of day Jan 4) the gap is 0: a new, not activated user
    assertThat(LifecycleClassifier.classifyUser(daily, COMMERCE,
        Instant.parse("2024-01-05T00:00:00Z"), ZoneOffset.UTC, 0, Double.NaN).state()[0])
        .isEqualTo(UserState.NEW);
    // content profile: active 4 of the last 28 days is not loyal (needs 12); retained after activation
    var content = LifecycleClassifier.classifyUser(daily, LifecycleConfig.content(),
        Instant.parse("2024-01-05T00:00:00Z"), ZoneOffset.UTC, 0, Double.NaN);
    assertThat(content.state()[0]).isEqualTo(UserState.NEW);
  }

  @Test
  void history_ofA_dailyTransitions() {
    var h = LifecycleClassifier.history(Fixture.shop(), COMMERCE, Fixture.AS_OF, ZoneOffset.UTC, 0,
        Interval.DAY);

    assertThat(h).containsExactly(
        new Transition(Instant.parse("2024-01-02T00:00:00Z"), null, UserState.CONVERTED),
        new Transition(Instant.parse("2024-01-05T00:00:00Z"), UserState.CONVERTED, UserState.LOYAL));
  }

  @Test
  void contentLoyalty_l28() {
    ActivityLog.Builder b = ActivityLog.builder();
    b.user("fan", Fixture.t("2023-11-01T00:00:00Z"), Map.of());
    for (int d = 1; d <= 12; d++) {
      b.event("fan", Fixture.t(String.format("2024-01-%02dT09:00:00Z", d)), "view", Double.NaN,
          null, "x", 0);
    }
    var r = LifecycleClassifier.classifyUser(b.build(), LifecycleConfig.content(),
        Instant.parse("2024-01-13T00:00:00Z"), ZoneOffset.UTC, 0, Double.NaN);
    assertThat(r.state()[0]).isEqualTo(UserState.LOYAL);
    assertThat(r.stage()[0]).isEqualTo(Stage.LOYALTY);
  }
}
