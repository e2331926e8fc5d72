package dev.longview.churn;

import dev.longview.lifecycle.ActivityLog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * Per-customer repeat-purchase summaries for BG/NBD, in the Fader-Hardie convention: purchases
 * are counted per distinct local purchase day; the first purchase day is excluded from x; t_x is
 * the time from the first purchase day to the last one in the calibration period; T the time from
 * the first purchase day to the last calibration day; the holdout count is the number of distinct
 * purchase days after the calibration period up to the holdout's last day. Times are in
 * {@code unitDays}-day units (7 = weeks). A purchase is an event of the conversion type with a
 * positive (or no) value. Customers are the users whose first purchase day is on or before the
 * last calibration day. Immutable.
 */
public final class RepeatData {
  private final int[] user;
  private final double[] x;
  private final double[] tx;
  private final double[] t;
  private final double[] holdout;

  private RepeatData(int[] user, double[] x, double[] tx, double[] t, double[] holdout) {
    this.user = user;
    this.x = x;
    this.tx = tx;
    this.t = t;
    this.holdout = holdout;
  }

  /** From raw arrays (tests, simulations); {@code holdout} may be null. */
  public static RepeatData of(double[] x, double[] tx, double[] T, double[] holdout) {
    int[] users = new int[x.length];
    Arrays.setAll(users, i -> i);
    return new RepeatData(users, x.clone(), tx.clone(), T.clone(),
        holdout == null ? new double[x.length] : holdout.clone());
  }

  /**
   * @param calibrationLastDay last local day of the calibration period (inclusive)
   * @param holdoutLastDay last local day of the holdout period (inclusive); null for none
   */
  public static RepeatData fromLog(ActivityLog log, String conversionType, ZoneId zone,
      LocalDate calibrationLastDay, LocalDate holdoutLastDay, double unitDays) {
    if (!(unitDays > 0)) {
      throw new IllegalArgumentException("unitDays was " + unitDays + "; use e.g. 7 for weeks");
    }
    int conversion = log.typeCode(conversionType);
    long cal = calibrationLastDay.toEpochDay();
    long hold = holdoutLastDay == null ? cal : holdoutLastDay.toEpochDay();
    int n = 0;
    int[] users = new int[log.users()];
    double[] xs = new double[log.users()];
    double[] txs = new double[log.users()];
    double[] ts = new double[log.users()];
    double[] hs = new double[log.users()];
    for (int u = 0; u < log.users(); u++) {
      long first = Long.MIN_VALUE;
      long last = Long.MIN_VALUE;
      long lastDay = Long.MIN_VALUE;
      int repeats = 0;
      int holdoutDays = 0;
      for (int e = log.userStart(u); e < log.userEnd(u); e++) {
        if (log.type(e) != conversion || log.value(e) < 0) {
          continue;
        }
        long d = Instant.ofEpochMilli(log.timeMs(e)).atZone(zone).toLocalDate().toEpochDay();
        if (d > hold || d == lastDay) {
          continue;
        }
        lastDay = d;
        if (first == Long.MIN_VALUE) {
          first = d;
          last = d;
        } else if (d <= cal) {
          repeats++;
          last = d;
        } else {
          holdoutDays++;
        }
      }
      if (first == Long.MIN_VALUE || first > cal) {
        continue;
      }
      users[n] = u;
      xs[n] = repeats;
      txs[n] = (last - first) / unitDays;
      ts[n] = (cal - first) / unitDays;
      hs[n] = holdoutDays;
      n++;
    }
    return new RepeatData(Arrays.copyOf(users, n), Arrays.copyOf(xs, n), Arrays.copyOf(txs, n),
        Arrays.copyOf(ts, n), Arrays.copyOf(hs, n));
  }

  public int customers() {
    return x.length;
  }

  /** Dense user index (of the log) of customer {@code c}. */
  public int user(int c) {
    return user[c];
  }

  public double x(int c) {
    return x[c];
  }

  public double tx(int c) {
    return tx[c];
  }

  public double T(int c) {
    return t[c];
  }

  /** Repeat purchase days in the holdout period. */
  public double holdout(int c) {
    return holdout[c];
  }
}
