package dev.longview.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for long jobs, drawn only when a person is watching (a
 * terminal) and never when the output is JSON for a program. Close it when the job ends.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar over {@code unitName} (scaled by {@code unitSize}), or a silent one. */
  static Progress of(String task, boolean enabled, String unitName, long unitSize) {
    if (!enabled || System.console() == null) {
      return new Progress(null);
    }
    return new Progress(new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(-1)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(unitName, unitSize)
        .showSpeed()
        .setUpdateIntervalMillis(200)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build());
  }

  void update(long done, long total) {
    if (bar != null) {
      if (bar.getMax() != total) {
        bar.maxHint(total);
      }
      bar.stepTo(done);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
