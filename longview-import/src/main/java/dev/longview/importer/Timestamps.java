package dev.longview.importer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Parsing of event times as they appear in files.
 *
 * <p>Accepted forms, in the order tried:
 * <ul>
 *   <li>a number: unix time. Numbers below {@value #MILLIS_THRESHOLD} (that is, before the year
 *       5138 in seconds) are seconds, larger ones are milliseconds (they start at 1973-03-03);
 *       a fraction of a second is allowed ({@code 1322728560.5});
 *   <li>ISO-8601 with an offset: {@code 2011-12-01T08:26:00Z}, {@code 2011-12-01T09:26:00+01:00};
 *       the offset is kept;
 *   <li>ISO-8601 local date-time ({@code 2011-12-01T08:26:00}, a space instead of the {@code T}
 *       is accepted): taken in the request's zone, UTC unless told otherwise;
 *   <li>an ISO date ({@code 2011-12-01}): the start of that day in the request's zone.
 * </ul>
 */
final class Timestamps {
  /** Unix times at or above this are milliseconds, below it seconds. */
  static final long MILLIS_THRESHOLD = 100_000_000_000L;

  static final String EXPECTED =
      "ISO-8601 like 2011-12-01T08:26:00Z or unix seconds or milliseconds";

  private Timestamps() {}

  /** The time {@code text} stands for, or null when it is not a time in an accepted form. */
  static OffsetDateTime parse(String text, ZoneId zone) {
    String s = text.trim();
    if (s.isEmpty()) {
      return null;
    }
    if (isNumber(s)) {
      return fromNumber(s);
    }
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(zone).toOffsetDateTime();
      }
      if (s.length() > 10 && s.charAt(10) == ' ') {
        s = s.substring(0, 10) + 'T' + s.substring(11);
      }
      TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(s);
      LocalDateTime local = LocalDateTime.from(t);
      if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
        return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)));
      }
      return atZone(local, zone);
    } catch (DateTimeException e) {
      return null;
    }
  }

  static OffsetDateTime atZone(LocalDateTime local, ZoneId zone) {
    return zone instanceof ZoneOffset offset
        ? OffsetDateTime.of(local, offset)
        : local.atZone(zone).toOffsetDateTime();
  }

  /** Unix seconds as a UTC time. */
  static OffsetDateTime ofEpochSecond(long seconds) {
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
  }

  private static boolean isNumber(String s) {
    int dots = 0;
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.') {
        dots++;
      } else if (!(c == '-' && i == 0)) {
        return false;
      }
    }
    return digits > 0 && dots <= 1;
  }

  private static OffsetDateTime fromNumber(String s) {
    try {
      int dot = s.indexOf('.');
      String wholePart = dot < 0 ? s : s.substring(0, dot);
      long whole = wholePart.isEmpty() || wholePart.equals("-") ? 0 : Long.parseLong(wholePart);
      long nanosOfUnit = 0;
      if (dot >= 0 && dot < s.length() - 1) {
        String frac = (s.substring(dot + 1) + "000000000").substring(0, 9);
        nanosOfUnit = Long.parseLong(frac);
        if (s.startsWith("-")) {
          nanosOfUnit = -nanosOfUnit;
        }
      }
      Instant instant = Math.abs(whole) >= MILLIS_THRESHOLD
          ? Instant.ofEpochMilli(whole).plusNanos(nanosOfUnit / 1_000_000)
          : Instant.ofEpochSecond(whole, nanosOfUnit);
      return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }
}
