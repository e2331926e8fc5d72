package dev.longview.churn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.importer.ImportRequest;
import dev.longview.importer.Importer;
import dev.longview.importer.ProgressListener;
import dev.longview.lifecycle.ActivityLog;
import dev.longview.lifecycle.LifecycleConfig;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 90-day churn experiment on the real online-retail file: every model beside every baseline. */
class OnlineRetailChurnTest {
  @TempDir Path dir;

  @Test
  void monthlyCutoffs_modelsAndBaselines_sideBySide() {
    Path input = SharedData.require("online-retail/online_retail.csv.gz");
    String db = dir.resolve("retail.db").toString();
    ActivityLog log;
    try (EventStore store = EventStore.open(db)) {
      try (StoreWriter w = store.writer()) {
        Importer.run(ImportRequest.of("online-retail", input), w, ProgressListener.NONE);
      }
      log = ActivityLog.load(store);
    }
    ChurnEvaluation.Config config = ChurnEvaluation.Config.defaults();
    List<Instant> cutoffs = ChurnEvaluation.monthlyCutoffs(log, ZoneOffset.UTC, 90);
    assertThat(cutoffs).first().isEqualTo(Instant.parse("2011-02-01T00:00:00Z"));
    assertThat(cutoffs).last().isEqualTo(Instant.parse("2011-09-01T00:00:00Z"));

    ChurnEvaluation.Report r = ChurnEvaluation.run(log, LifecycleConfig.commerce(), ZoneOffset.UTC,
        cutoffs, config);
    System.out.printf("online-retail churn: train %s (%d rows), test %s (%d rows, churn rate %.3f)%n",
        r.trainCutoffs(), r.trainRows(), r.testCutoffs(), r.testRows(), r.testChurnRate());
    for (ChurnEvaluation.ModelResult m : r.models()) {
      System.out.printf("  %-18s %s AUC %.4f PR-AUC %.4f logloss %.4f%n", m.name(),
          m.baseline() ? "baseline" : "model   ", m.auc(), m.prAuc(), m.logLoss());
    }
    // only cutoffs whose 90-day labels end by the first test cutoff (Aug 1) train
    assertThat(r.trainCutoffs()).last().isEqualTo(Instant.parse("2011-05-01T00:00:00Z"));
    for (ChurnEvaluation.ModelResult m : r.models()) {
      assertThat(m.auc()).as(m.name()).isGreaterThan(0.6);
    }
  }
}
