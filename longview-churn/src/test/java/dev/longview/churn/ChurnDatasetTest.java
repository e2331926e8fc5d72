package dev.longview.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.longview.lifecycle.ActivityLog;
import dev.longview.lifecycle.LifecycleConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChurnDatasetTest {
  static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

  static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  /**
   * u1: purchases (invoices A, B) on Feb 1 and Feb 21, returns Mar 15: not churned.
   * u2: one view Jan 1, nothing after: churned. u3: first event Mar 2: not eligible.
   * u4: purchase exactly at t0 only, plus Feb 28: the t0 event is neither feature nor label.
   */
  static ActivityLog log() {
    return ActivityLog.builder()
        .user("u1", t("2024-01-15T00:00:00Z"), Map.of())
        .event("u1", t("2024-02-01T10:00:00Z"), "purchase", 2, "A", "x", 20)
        .event("u1", t("2024-02-01T10:00:00Z"), "purchase", 1, "A", "y", 5)
        .event("u1", t("2024-02-21T10:00:00Z"), "purchase", 1, "B", "x", 10)
        .event("u1", t("2024-03-15T10:00:00Z"), "view", Double.NaN, null, "x", 0)
        .event("u2", t("2024-01-01T00:00:00Z"), "view", Double.NaN, null, "z", 0)
        .event("u3", t("2024-03-02T00:00:00Z"), "view", Double.NaN, null, "z", 0)
        .event("u4", t("2024-02-28T00:00:00Z"), "view", Double.NaN, null, "z", 0)
        .event("u4", t("2024-03-01T00:00:00Z"), "purchase", 1, "C", "z", 1)
        .build();
  }

  @Test
  void labelsAndFeatures_byHand() {
    ChurnDataset d = ChurnDataset.build(log(), LifecycleConfig.commerce(), ZoneOffset.UTC,
        List.of(T0), 30, 365);

    assertThat(d.size()).isEqualTo(3); // u1, u2, u4
    assertThat(d.user(0)).isZero();
    assertThat(d.label(0)).isEqualTo(0.0);  // back on Mar 15
    assertThat(d.label(1)).isEqualTo(1.0);  // u2 never back
    assertThat(d.label(2)).isEqualTo(1.0);  // u4: the purchase at exactly t0 is not in (t0, t0 + N]
    double[] f = d.features(0);
    assertThat(f[0]).isCloseTo(8 + 14.0 / 24, within(1e-9)); // recency: Feb 21 10:00 to Mar 1
    assertThat(f[1]).isCloseTo(Math.log1p(2), within(1e-12)); // two active days
    assertThat(f[2]).isEqualTo(2);                            // invoices A and B
    assertThat(f[3]).isCloseTo(Math.log1p(35), within(1e-12));
    assertThat(f[4]).isCloseTo(17.5, within(1e-12));          // AOV
    assertThat(f[5]).isCloseTo(46, within(1e-12));            // tenure from Jan 15
    assertThat(f[6]).isCloseTo(20, within(1e-12));            // one gap of 20 days
    assertThat(f[12]).isCloseTo(Math.log1p(2), within(1e-12)); // items x, y
    assertThat(d.bgnbd(0)).containsExactly(1.0, 20 / 7.0, 29 / 7.0);
    double[] f4 = d.features(2);
    assertThat(f4[0]).isCloseTo(2, within(1e-12)); // Feb 28 view; the t0 purchase is not a feature
    assertThat(f4[2]).isZero();
  }

  /** No leakage: changing or adding anything at or after t0 never changes a feature. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void features_ignoreEverythingFromTheCutoffOn(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ActivityLog.Builder all = ActivityLog.builder();
    long base = t("2024-01-01T00:00:00Z");
    for (int u = 0; u < 20; u++) {
      for (int k = 0; k < 1 + r.nextInt(8); k++) {
        long time = base + r.nextLong(120L * 86_400_000L);
        String type = r.nextBoolean() ? "view" : "purchase";
        double value = type.equals("purchase") ? (r.nextInt(5) == 0 ? -1 : 1 + r.nextInt(3)) : Double.NaN;
        String order = type.equals("purchase") ? "o" + r.nextInt(30) : null;
        all.event("u" + u, time, type, value, order, "i" + r.nextInt(5), 3 * value);
      }
    }
    // the same log cut at t0
    ActivityLog full = all.build();
    ActivityLog.Builder cut = ActivityLog.builder();
    for (int u = 0; u < full.users(); u++) {
      cut.user(full.userId(u), full.firstSeenMs(u), Map.of());
      for (int e = full.userStart(u); e < full.userEnd(u); e++) {
        if (full.timeMs(e) < T0.toEpochMilli()) {
          cut.event(full.userId(u), full.timeMs(e), full.typeName(full.type(e)), full.value(e),
              full.order(e) < 0 ? null : "o" + full.order(e), "i" + full.item(e), full.revenue(e));
        }
      }
    }
    ChurnDataset a = ChurnDataset.build(full, LifecycleConfig.commerce(), ZoneOffset.UTC,
        List.of(T0), 0, 365);
    ChurnDataset b = ChurnDataset.build(cut.build(), LifecycleConfig.commerce(), ZoneOffset.UTC,
        List.of(T0), 0, 365);
    assertThat(a.size()).isEqualTo(b.size());
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.features(i)).containsExactly(b.features(i));
    }
  }
}
