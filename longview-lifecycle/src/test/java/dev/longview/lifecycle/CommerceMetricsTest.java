package dev.longview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommerceMetricsTest {
  private static final Instant JAN_1 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void januaryWeek_matchesHandComputation() {
    ActivityLog log = Fixture.shop();
    CommerceMetrics m = CommerceMetrics.of(log, LifecycleConfig.commerce(), JAN_1, Fixture.AS_OF,
        u -> true);

    // A: invoices I1, I2; B: I3 and its cancellation C3 (net 0); A's I9 is on Jan 8
    assertThat(m.orders()).isEqualTo(2);
    assertThat(m.revenue()).isCloseTo(2 * 5 + 1 * 10 + 3 + 10 - 10, within(1e-9));
    assertThat(m.customers()).isEqualTo(1);
    assertThat(m.repeatCustomers()).isEqualTo(1);
    assertThat(m.activeUsers()).isEqualTo(5); // A B C D G
    assertThat(m.aov()).isCloseTo(11.5, within(1e-12));
    assertThat(m.purchaseFrequency()).isCloseTo(2.0, within(1e-12));
    assertThat(m.repeatPurchaseRate()).isCloseTo(1.0, within(1e-12));
    assertThat(m.conversionRate()).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void bySegment_andOrdersWithoutInvoiceCountDistinctTimes() {
    ActivityLog log = Fixture.shop();
    var fr = Segments.byAttribute(log, "country").get("FR");
    CommerceMetrics b = CommerceMetrics.of(log, LifecycleConfig.commerce(), JAN_1, Fixture.AS_OF, fr);
    assertThat(b.orders()).isZero();
    assertThat(b.customers()).isZero();
    assertThat(b.activeUsers()).isEqualTo(1);

    ActivityLog noInvoices = ActivityLog.builder()
        .event("u", Fixture.t("2024-01-01T10:00:00Z"), "purchase", 1, null, "x", 2)
        .event("u", Fixture.t("2024-01-01T10:00:00Z"), "purchase", 2, null, "y", 4)
        .event("u", Fixture.t("2024-01-02T10:00:00Z"), "purchase", 1, null, "x", 2).build();
    CommerceMetrics m = CommerceMetrics.of(noInvoices, LifecycleConfig.commerce(), JAN_1,
        Fixture.AS_OF, u -> true);
    assertThat(m.orders()).isEqualTo(2);
    assertThat(m.aov()).isCloseTo(4.0, within(1e-12));
  }
}
