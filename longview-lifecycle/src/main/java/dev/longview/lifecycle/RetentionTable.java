package dev.longview.lifecycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A retention cohort table. Start and return events are both the active events of
 * {@link ActiveDays}.
 *
 * <p>Rows are cohorts by the interval of the start event:
 * <ul>
 *   <li>{@link Cohorts#FIRST_TIME}: each user belongs to one cohort, the interval of their first
 *       active event;
 *   <li>{@link Cohorts#RECURRING}: each user belongs to the cohort of every interval in which
 *       they were active.
 * </ul>
 * Column {@code n} (an offset in intervals from the cohort's) holds the share of the cohort that
 * returned, by the {@link Variant}:
 * <ul>
 *   <li>{@link Variant#N_DAY}: active in exactly interval {@code c + n} (column 0 is 1);
 *   <li>{@link Variant#UNBOUNDED}: active in interval {@code c + n} or any later one;
 *   <li>{@link Variant#BRACKET}: active in any interval of the bracket
 *       {@code [c + lo, c + hi]} (one column per bracket).
 * </ul>
 * A column is reported once its first interval has begun (the as-of interval may be partial);
 * later columns are left out, so recent cohorts have shorter rows. Immutable.
 */
public record RetentionTable(Interval interval, Cohorts cohorts, Variant variant,
    List<Cohort> rows) {
  public RetentionTable {
    rows = List.copyOf(rows);
  }

  public enum Cohorts { FIRST_TIME, RECURRING }

  public enum Variant { N_DAY, UNBOUNDED, BRACKET }

  /** An inclusive range of offsets, {@code 0 <= lo <= hi}. */
  public record Bracket(int lo, int hi) {
    public Bracket {
      if (lo < 0 || hi < lo) {
        throw new IllegalArgumentException("bracket was [" + lo + ", " + hi
            + "]; need 0 <= lo <= hi");
      }
    }
  }

  /**
   * One cohort.
   *
   * @param returned users returned, per reported column
   */
  public record Cohort(LocalDate start, int size, int[] returned) {
    public Cohort {
      returned = returned.clone();
    }

    @Override
    public int[] returned() {
      return returned.clone();
    }

    /** Share returned per column: returned / size. */
    public double[] values() {
      double[] v = new double[returned.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = size == 0 ? 0 : (double) returned[i] / size;
      }
      return v;
    }
  }

  /** N-day or unbounded retention for cohorts from the one containing {@code firstDay}, with offsets 0..maxOffset. */
  public static RetentionTable of(ActiveDays activity, Interval interval, Cohorts cohorts,
      Variant variant, LocalDate firstDay, int maxOffset, IntPredicate include) {
    if (variant == Variant.BRACKET) {
      throw new IllegalArgumentException("the bracket variant needs its brackets; call brackets(...)");
    }
    List<Bracket> columns = new ArrayList<>();
    for (int n = 0; n <= maxOffset; n++) {
      columns.add(new Bracket(n, variant == Variant.N_DAY ? n : Integer.MAX_VALUE / 2));
    }
    return compute(activity, interval, cohorts, variant, firstDay, columns, include);
  }

  /** Bracket retention: one column per bracket. */
  public static RetentionTable brackets(ActiveDays activity, Interval interval, Cohorts cohorts,
      LocalDate firstDay, List<Bracket> brackets, IntPredicate include) {
    return compute(activity, interval, cohorts, Variant.BRACKET, firstDay, brackets, include);
  }

  private static RetentionTable compute(ActiveDays activity, Interval interval, Cohorts cohorts,
      Variant variant, LocalDate firstDay, List<Bracket> columns, IntPredicate include) {
    if (maxOffsetOf(columns) < 0) {
      throw new IllegalArgumentException("no columns; give at least offset 0");
    }
    int first = interval.period((int) firstDay.toEpochDay());
    int last = interval.period(activity.asOfDay());
    int width = Math.max(0, last - first + 1);
    int[] size = new int[width];
    int[][] returned = new int[width][];
    for (int c = 0; c < width; c++) {
      int reported = 0;
      for (Bracket b : columns) {
        if (first + c + b.lo() <= last) {
          reported++;
        }
      }
      returned[c] = new int[reported];
    }
    int[] p = new int[Math.max(1, activity.maxDaysPerUser())];
    for (int u = 0; u < activity.users(); u++) {
      if (!include.test(u)) {
        continue;
      }
      int n = activity.periods(u, interval, p);
      int cohortsOfUser = cohorts == Cohorts.FIRST_TIME ? Math.min(n, 1) : n;
      for (int k = 0; k < cohortsOfUser; k++) {
        int c = p[k] - first;
        if (c < 0 || c >= width) {
          continue;
        }
        size[c]++;
        int[] row = returned[c];
        for (int col = 0; col < row.length; col++) {
          Bracket b = columns.get(col);
          if (activeBetween(p, k, n, p[k] + b.lo(), (long) p[k] + b.hi())) {
            row[col]++;
          }
        }
      }
    }
    List<Cohort> rows = new ArrayList<>(width);
    for (int c = 0; c < width; c++) {
      rows.add(new Cohort(interval.start(first + c), size[c], returned[c]));
    }
    return new RetentionTable(interval, cohorts, variant, rows);
  }

  /** Whether any of the sorted periods p[from..n) lies in [lo, hi]. */
  private static boolean activeBetween(int[] p, int from, int n, int lo, long hi) {
    int a = from;
    int b = n;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (p[mid] < lo) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a < n && p[a] <= hi;
  }

  private static int maxOffsetOf(List<Bracket> columns) {
    return columns.isEmpty() ? -1 : columns.get(columns.size() - 1).hi();
  }
}
