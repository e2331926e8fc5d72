package dev.longview.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.longview.importer.ImportRequest;
import dev.longview.importer.Importer;
import dev.longview.importer.ProgressListener;
import dev.longview.lifecycle.ActivityLog;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BG/NBD on the full CDNOW master log, Fader-Hardie convention: 39-week calibration
 * 1997-01-01..1997-09-30, 39-week holdout to 1998-06-30, weeks, one purchase per customer-day.
 */
class CdnowBgNbdTest {
  @TempDir Path dir;

  @Test
  void fit_isCloseToThePublishedSampleFit_andItsHoldoutShortfallIsPinned() {
    Path input = SharedData.require("cdnow/CDNOW_master.txt");
    String db = dir.resolve("cdnow.db").toString();
    ActivityLog log;
    try (EventStore store = EventStore.open(db)) {
      try (StoreWriter w = store.writer()) {
        Importer.run(ImportRequest.of("cdnow", input), w, ProgressListener.NONE);
      }
      log = ActivityLog.load(store);
    }
    RepeatData data = RepeatData.fromLog(log, "purchase", ZoneOffset.UTC,
        LocalDate.of(1997, 9, 30), LocalDate.of(1998, 6, 30), 7);
    BgNbdFitter.Fit fit = BgNbdFitter.fit(data);
    BgNbd m = fit.model();
    double predicted = 0;
    double actual = 0;
    for (int c = 0; c < data.customers(); c++) {
      predicted += m.expectedPurchases(39, data.x(c), data.tx(c), data.T(c));
      actual += data.holdout(c);
    }
    BgNbd pub = new BgNbd(0.243, 4.414, 0.793, 2.426);
    double predPub = 0;
    double sumX = 0;
    for (int c = 0; c < data.customers(); c++) {
      predPub += pub.expectedPurchases(39, data.x(c), data.tx(c), data.T(c));
      sumX += data.x(c);
    }
    double unconditional = 0;
    for (int c = 0; c < data.customers(); c++) {
      unconditional += m.expectedRepeatPurchases(data.T(c) + 39)
          - m.expectedRepeatPurchases(data.T(c));
    }
    System.out.printf("CDNOW BG/NBD: %d customers, %s, LL %.2f, holdout predicted %.1f"
        + " (unconditional %.1f) actual %.0f%n", data.customers(), m, fit.logLikelihood(), predicted,
        unconditional, actual);

    assertThat(data.customers()).isEqualTo(23_570);
    // published on the 1/10 sample: r 0.243, alpha 4.414, a 0.793, b 2.426
    assertThat(m.r()).isCloseTo(0.243, within(0.05));
    assertThat(m.alpha()).isCloseTo(4.414, within(1.0));
    assertThat(m.a()).isCloseTo(0.793, within(0.25));
    assertThat(m.b()).isCloseTo(2.426, within(1.0));
    assertThat(actual).isEqualTo(19_684); // distinct customer-days 1997-10-01..1998-06-30
    // Measured: the model under-forecasts the holdout by about 14% (conditional 16,874,
    // unconditional 16,850 of 19,684), also with the published parameters (16,577): the 5% target
    // is not met with this convention; see BENCHMARKS.md. Pinned so that a change shows.
    assertThat(predicted / actual).isBetween(0.84, 0.88);
    assertThat(unconditional / actual).isBetween(0.84, 0.88);
    // The paper's tracking plot form: cumulative repeat days from week 1 to week 78 (calibration
    // 24,337 + holdout 19,684), model 41,302.6: -6.2% (-4.1% on the published 1/10 sample).
    BgNbdHoldout h = BgNbdHoldout.of(m, data, 39);
    assertThat(h.holdoutPredicted()).isCloseTo(predicted, within(1e-6));
    assertThat(h.cumulativeActualAtHoldoutEnd()).isEqualTo(24_337 + 19_684);
    assertThat(h.cumulativeError()).isBetween(-0.07, -0.055);
  }
}
