package dev.longview.churn;

import dev.longview.lifecycle.ActivityLog;
import dev.longview.lifecycle.LifecycleClassifier;
import dev.longview.lifecycle.LifecycleConfig;
import dev.longview.lifecycle.ReturnScores;
import dev.longview.lifecycle.UserState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Labelled examples for return/churn prediction (PROTOCOLS section 3), one per (cutoff, user).
 *
 * <ul>
 *   <li>Eligible: users with at least one active event in the feature window
 *       {@code [t0 - windowDays, t0)}.
 *   <li>Label: churned (1) = no active event in {@code (t0, t0 + horizonDays]}.
 *   <li>Features: only from events strictly before t0 (the lifecycle state and the BG/NBD
 *       summary use the whole history before t0, everything else the window). See
 *       {@link #FEATURES} for the list; days are 24-hour spans, local days use the zone's offset
 *       at t0.
 * </ul>
 * "Active" follows the {@link LifecycleConfig}; a purchase is an event of its conversion type with
 * a positive (or no) value. Immutable.
 */
public final class ChurnDataset {
  private static final long DAY_MS = 86_400_000L;

  /** Feature names, in column order. */
  public static final List<String> FEATURES;

  static {
    List<String> f = new ArrayList<>(List.of("recency_days", "log_active_days", "orders",
        "log_revenue", "avg_order_value", "tenure_days", "gap_mean", "gap_std", "gap_max",
        "recency_over_gap_mean", "trend_30d", "active_days_90d", "log_distinct_items",
        "events_per_active_day"));
    for (UserState s : UserState.values()) {
      f.add("state_" + s.label());
    }
    FEATURES = List.copyOf(f);
  }

  static final int RECENCY = 0;
  static final int ACTIVE_DAYS = 1;
  static final int ORDERS = 2;
  static final int REVENUE = 3;

  private final double[][] x;
  private final double[] y;
  private final int[] user;
  private final int[] cutoff;
  private final double[][] bgnbd;
  private final List<Instant> cutoffs;

  private ChurnDataset(double[][] x, double[] y, int[] user, int[] cutoff, double[][] bgnbd,
      List<Instant> cutoffs) {
    this.x = x;
    this.y = y;
    this.user = user;
    this.cutoff = cutoff;
    this.bgnbd = bgnbd;
    this.cutoffs = cutoffs;
  }

  /**
   * Builds examples for every cutoff. Labels need {@code t0 + horizonDays} inside the data;
   * pass {@code horizonDays = 0} to build unlabelled rows for scoring (labels are then 0).
   */
  public static ChurnDataset build(ActivityLog log, LifecycleConfig config, ZoneId zone,
      List<Instant> cutoffs, int horizonDays, int windowDays) {
    if (horizonDays < 0 || windowDays < 1) {
      throw new IllegalArgumentException("horizon " + horizonDays + " days, window " + windowDays
          + " days; need horizon >= 0 and window >= 1");
    }
    Set<String> active = config.activeTypes();
    boolean[] isActive = new boolean[log.typeCount()];
    for (int i = 0; i < isActive.length; i++) {
      isActive[i] = active.contains(log.typeName(i));
    }
    int conversion = log.typeCode(config.conversionType());
    List<double[]> rows = new ArrayList<>();
    List<double[]> bg = new ArrayList<>();
    List<Double> labels = new ArrayList<>();
    List<Integer> users = new ArrayList<>();
    List<Integer> cuts = new ArrayList<>();
    int d = FEATURES.size();
    for (int c = 0; c < cutoffs.size(); c++) {
      Instant t0i = cutoffs.get(c);
      long t0 = t0i.toEpochMilli();
      long offset = zone.getRules().getOffset(t0i).getTotalSeconds() * 1000L;
      long from = t0 - windowDays * DAY_MS;
      long labelEnd = t0 + horizonDays * DAY_MS;
      UserState[] states = LifecycleClassifier.classify(log, config, t0i, zone, ReturnScores.NONE)
          .state();
      long t0Day = Math.floorDiv(t0 + offset, DAY_MS);
      for (int u = 0; u < log.users(); u++) {
        int[] days = new int[16];
        int nDays = 0;
        long lastActive = Long.MIN_VALUE;
        int events = 0;
        Set<Integer> orders = new HashSet<>();
        Set<Integer> cancels = new HashSet<>();
        Set<Integer> items = new HashSet<>();
        double revenue = 0;
        int last30 = 0;
        int prev30 = 0;
        int last90 = 0;
        boolean returned = false;
        long firstPurchaseDay = Long.MIN_VALUE;
        long lastPurchaseDay = Long.MIN_VALUE;
        int purchaseDays = 0;
        for (int e = log.userStart(u); e < log.userEnd(u); e++) {
          long t = log.timeMs(e);
          int ty = log.type(e);
          boolean cancel = ty == conversion && log.value(e) < 0;
          boolean act = isActive[ty] && !cancel;
          if (t >= t0) {
            if (t > t0 && t <= labelEnd && act) {
              returned = true;
              break;
            }
            if (t > labelEnd) {
              break;
            }
            continue;
          }
          long day = Math.floorDiv(t + offset, DAY_MS);
          if (ty == conversion && !cancel && day != lastPurchaseDay) {
            if (firstPurchaseDay == Long.MIN_VALUE) {
              firstPurchaseDay = day;
            }
            purchaseDays++;
            lastPurchaseDay = day;
          }
          if (t < from) {
            continue;
          }
          events++;
          if (log.item(e) >= 0) {
            items.add(log.item(e));
          }
          if (ty == conversion) {
            revenue += log.revenue(e);
            int o = log.order(e) >= 0 ? log.order(e) : -(int) (t / 1000) - 2;
            (cancel ? cancels : orders).add(o);
          }
          if (!act) {
            continue;
          }
          lastActive = t;
          if (nDays == 0 || days[nDays - 1] != day) {
            if (nDays == days.length) {
              days = Arrays.copyOf(days, nDays * 2);
            }
            days[nDays++] = (int) day;
            if (day >= t0Day - 30) {
              last30++;
            } else if (day >= t0Day - 60) {
              prev30++;
            }
            if (day >= t0Day - 90) {
              last90++;
            }
          }
        }
        if (lastActive == Long.MIN_VALUE) {
          continue;
        }
        double[] f = new double[d];
        double recency = (t0 - lastActive) / (double) DAY_MS;
        f[RECENCY] = recency;
        f[ACTIVE_DAYS] = Math.log1p(nDays);
        int netOrders = Math.max(0, orders.size() - cancels.size());
        f[ORDERS] = netOrders;
        f[REVENUE] = Math.log1p(Math.max(0, revenue));
        f[4] = netOrders == 0 ? 0 : Math.max(0, revenue) / netOrders;
        f[5] = (t0 - Math.min(log.firstSeenMs(u), t0)) / (double) DAY_MS;
        double mean = windowDays;
        double std = 0;
        double max = 0;
        if (nDays >= 2) {
          double s = 0;
          double s2 = 0;
          for (int i = 1; i < nDays; i++) {
            double g = days[i] - days[i - 1];
            s += g;
            s2 += g * g;
            max = Math.max(max, g);
          }
          mean = s / (nDays - 1);
          std = Math.sqrt(Math.max(0, s2 / (nDays - 1) - mean * mean));
        }
        f[6] = mean;
        f[7] = std;
        f[8] = max;
        f[9] = recency / mean;
        f[10] = last30 - prev30;
        f[11] = last90;
        f[12] = Math.log1p(items.size());
        f[13] = (double) events / nDays;
        UserState s = states[u];
        if (s != null) {
          f[14 + s.ordinal()] = 1;
        }
        rows.add(f);
        labels.add(horizonDays == 0 ? 0.0 : returned ? 0.0 : 1.0);
        users.add(u);
        cuts.add(c);
        double xRep = firstPurchaseDay == Long.MIN_VALUE ? 0 : purchaseDays - 1;
        double tx = firstPurchaseDay == Long.MIN_VALUE ? 0 : (lastPurchaseDay - firstPurchaseDay) / 7.0;
        double tAge = firstPurchaseDay == Long.MIN_VALUE ? f[5] / 7.0 : (t0Day - firstPurchaseDay) / 7.0;
        bg.add(new double[] {xRep, tx, tAge});
      }
    }
    double[] y = new double[labels.size()];
    int[] us = new int[labels.size()];
    int[] cs = new int[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
      us[i] = users.get(i);
      cs[i] = cuts.get(i);
    }
    return new ChurnDataset(rows.toArray(double[][]::new), y, us, cs, bg.toArray(double[][]::new),
        List.copyOf(cutoffs));
  }

  public int size() {
    return y.length;
  }

  public double[] features(int i) {
    return x[i].clone();
  }

  double[] row(int i) {
    return x[i];
  }

  /** 1 = churned (no active event in the horizon). */
  public double label(int i) {
    return y[i];
  }

  public int user(int i) {
    return user[i];
  }

  /** Index into {@link #cutoffs()}. */
  public int cutoff(int i) {
    return cutoff[i];
  }

  public List<Instant> cutoffs() {
    return cutoffs;
  }

  /** BG/NBD summary at the cutoff, in weeks: {x, t_x, T}. */
  double[] bgnbd(int i) {
    return bgnbd[i];
  }
}
