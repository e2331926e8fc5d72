package dev.longview.lifecycle;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A calendar interval in a time zone: a local day, a week starting on Monday (ISO) or a calendar
 * month. Periods are numbered by a dense int: the epoch day, the week index
 * ({@code floorDiv(epochDay + 3, 7)}, week 0 starting Monday 1969-12-29) or the month index
 * ({@code year * 12 + month - 1}).
 */
public enum Interval {
  DAY, WEEK, MONTH;

  /** The period that contains the local date {@code epochDay}. */
  public int period(int epochDay) {
    return switch (this) {
      case DAY -> epochDay;
      case WEEK -> Math.floorDiv(epochDay + 3, 7);
      case MONTH -> {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        yield d.getYear() * 12 + d.getMonthValue() - 1;
      }
    };
  }

  /** The first local date of a period. */
  public LocalDate start(int period) {
    return switch (this) {
      case DAY -> LocalDate.ofEpochDay(period);
      case WEEK -> LocalDate.ofEpochDay(period * 7L - 3);
      case MONTH -> LocalDate.of(Math.floorDiv(period, 12), Math.floorMod(period, 12) + 1, 1);
    };
  }

  /** "day", "week" or "month". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "day", "week" or "month" (any case). */
  public static Interval parse(String s) {
    for (Interval i : values()) {
      if (i.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
        return i;
      }
    }
    throw new IllegalArgumentException("interval was \"" + s + "\"; use day, week or month");
  }
}
