package dev.longview.lifecycle;

import java.time.Instant;
import java.util.Map;

/**
 * The hand-computed shop of the lifecycle tests (times UTC, week of Monday 2024-01-01):
 *
 * <pre>
 * A  first seen Jan 1 10:00; purchases on invoice I1 (2 x 5.00 and 1 x 10.00) Jan 1 10:00, view Jan 2,
 *    purchase I2 (1 x 3.00) Jan 4 12:00, purchase Jan 8 10:00 (after as-of: ignored)
 * B  first seen Dec 31 10:00 (user record, no event); visit Jan 1, purchase I3 (4 x 2.50) Jan 2 09:00,
 *    cancellation C3 (-4 x 2.50) Jan 2 15:00
 * C  impression Jan 3 (not active), view Jan 5
 * D  visit and add_to_cart Jan 7
 * E  view Nov 1 2023 only
 * F  views Dec 1 and Dec 25 2023 (Monday)
 * G  view Nov 15 2023, view Jan 6
 * </pre>
 * As of 2024-01-08T00:00Z the active days in January are A {1,2,4}, B {1,2}, C {5}, D {7}, G {6}.
 */
final class Fixture {
  static final Instant AS_OF = Instant.parse("2024-01-08T00:00:00Z");

  private Fixture() {}

  static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  static ActivityLog shop() {
    ActivityLog.Builder b = ActivityLog.builder();
    b.user("A", t("2024-01-01T10:00:00Z"), Map.of("country", "UK"));
    b.user("B", t("2023-12-31T10:00:00Z"), Map.of("country", "FR"));
    b.event("A", t("2024-01-01T10:00:00Z"), "purchase", 2, "I1", "x", 10);
    b.event("A", t("2024-01-01T10:00:00Z"), "purchase", 1, "I1", "y", 10);
    b.event("A", t("2024-01-02T08:00:00Z"), "view", Double.NaN, null, "x", 0);
    b.event("A", t("2024-01-04T12:00:00Z"), "purchase", 1, "I2", "z", 3);
    b.event("A", t("2024-01-08T10:00:00Z"), "purchase", 1, "I9", "z", 3);
    b.event("B", t("2024-01-01T07:00:00Z"), "visit", Double.NaN, null, null, 0);
    b.event("B", t("2024-01-02T09:00:00Z"), "purchase", 4, "I3", "x", 10);
    b.event("B", t("2024-01-02T15:00:00Z"), "purchase", -4, "C3", "x", -10);
    b.event("C", t("2024-01-03T09:00:00Z"), "impression", Double.NaN, null, "x", 0);
    b.event("C", t("2024-01-05T09:00:00Z"), "view", Double.NaN, null, "x", 0);
    b.event("D", t("2024-01-07T09:00:00Z"), "visit", Double.NaN, null, null, 0);
    b.event("D", t("2024-01-07T09:05:00Z"), "add_to_cart", Double.NaN, null, "y", 0);
    b.event("E", t("2023-11-01T09:00:00Z"), "view", Double.NaN, null, "x", 0);
    b.event("F", t("2023-12-01T09:00:00Z"), "view", Double.NaN, null, "x", 0);
    b.event("F", t("2023-12-25T09:00:00Z"), "view", Double.NaN, null, "x", 0);
    b.event("G", t("2023-11-15T09:00:00Z"), "view", Double.NaN, null, "x", 0);
    b.event("G", t("2024-01-06T09:00:00Z"), "view", Double.NaN, null, "y", 0);
    return b.build();
  }
}
