package dev.longview.server;

import dev.longview.lifecycle.Interval;
import dev.longview.lifecycle.LifecycleConfig;
import dev.longview.store.StoreCounts;
import io.helidon.webserver.http.ServerRequest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The date range, interval, zone and lifecycle profile of an analytics request, checked and with
 * defaults filled in from the data.
 *
 * <p>{@code from} and {@code to} are local dates in {@code zone}, both included. Defaults:
 * {@code to} = the day of the last event; {@code from} = the start of the interval 11 intervals
 * before the one containing {@code to} (12 intervals), or of the first event's interval when the
 * data is shorter. The analysis is made as of
 * {@link #asOf()}: the start of the day after {@code to}, or just after the last event when that
 * is earlier, so only events strictly before it count.
 *
 * @param profile "commerce" or "content" ({@link LifecycleConfig#profile})
 */
record AnalyticsQuery(LocalDate from, LocalDate to, Interval interval, ZoneId zone,
    String profile, Instant asOf) {
  /** Most intervals one request may span (a day table over 3 years). */
  static final int MAX_PERIODS = 1_100;
  static final int DEFAULT_PERIODS = 12;

  AnalyticsQuery {
    if (from.isAfter(to)) {
      throw ApiException.badRequest("from", "from " + from + " is after to " + to
          + "; give from <= to");
    }
    long periods = (long) interval.period((int) to.toEpochDay())
        - interval.period((int) from.toEpochDay()) + 1;
    if (periods > MAX_PERIODS) {
      throw ApiException.badRequest("from", "from " + from + " to " + to + " spans " + periods
          + " " + interval.label() + "s; at most " + MAX_PERIODS + " are shown: use a wider"
          + " interval or a shorter range");
    }
  }

  LifecycleConfig config() {
    return LifecycleConfig.profile(profile);
  }

  /** The first instant of the range (start of {@code from} in the zone). */
  Instant fromInstant() {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The first day of the first interval. */
  LocalDate firstPeriodStart() {
    return interval.start(interval.period((int) from.toEpochDay()));
  }

  /** Number of intervals from the one containing {@code from} to the one containing the as-of day. */
  int periods() {
    return interval.period((int) asOfDay().toEpochDay())
        - interval.period((int) from.toEpochDay()) + 1;
  }

  /** The local day that contains the last instant counted (as-of minus 1 ms). */
  LocalDate asOfDay() {
    return asOf.minusMillis(1).atZone(zone).toLocalDate();
  }

  /** A canonical text of the query, for cache keys. */
  String key() {
    return from + "|" + to + "|" + interval.label() + "|" + zone.getId() + "|" + profile + "|"
        + asOf.toEpochMilli();
  }

  /**
   * Reads {@code from}, {@code to}, {@code interval}, {@code zone} and {@code profile} of a
   * request; 400s name the parameter. {@code counts} gives the defaults (the last event).
   */
  static AnalyticsQuery of(ServerRequest req, StoreCounts counts) {
    return of(Requests.text(req, "from"), Requests.text(req, "to"),
        Requests.text(req, "interval"), Requests.text(req, "zone"), Requests.text(req, "profile"),
        counts);
  }

  static AnalyticsQuery of(String fromText, String toText, String intervalText, String zoneText,
      String profileText, StoreCounts counts) {
    Interval interval;
    try {
      interval = intervalText == null ? Interval.WEEK : Interval.parse(intervalText);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("interval", e.getMessage());
    }
    ZoneId zone;
    try {
      zone = zoneText == null ? ZoneId.of("UTC") : ZoneId.of(zoneText.trim());
    } catch (DateTimeException e) {
      throw ApiException.badRequest("zone", "zone \"" + zoneText + "\" is not a time zone; use"
          + " e.g. UTC, Europe/London or +02:00");
    }
    String profile = profileText == null ? "commerce" : profileText.trim().toLowerCase(Locale.ROOT);
    if (!profile.equals("commerce") && !profile.equals("content")) {
      throw ApiException.badRequest("profile", "profile was \"" + profileText
          + "\"; use commerce or content");
    }
    Instant last = counts.lastEvent();
    Instant afterLast = last == null ? null : last.plusMillis(1);
    LocalDate lastDay = last == null ? LocalDate.now(zone) : last.atZone(zone).toLocalDate();
    LocalDate to = toText == null ? lastDay : date("to", toText);
    LocalDate from = fromText == null ? defaultFrom(interval, to, counts.firstEvent(), zone)
        : date("from", fromText);
    Instant endOfTo = to.plusDays(1).atStartOfDay(zone).toInstant();
    Instant asOf = afterLast != null && afterLast.isBefore(endOfTo) ? afterLast : endOfTo;
    if (!asOf.isAfter(from.atStartOfDay(zone).toInstant())) {
      throw ApiException.badRequest("from", "from " + from + " is after the last event ("
          + last + "); nothing to show: pick an earlier date");
    }
    return new AnalyticsQuery(from, to, interval, zone, profile, asOf);
  }

  /**
   * The start of the interval {@code DEFAULT_PERIODS - 1} intervals before the one containing
   * {@code to}, or of the one containing the first event when that is later.
   */
  static LocalDate defaultFrom(Interval interval, LocalDate to, Instant firstEvent, ZoneId zone) {
    int last = interval.period((int) to.toEpochDay());
    int first = last - DEFAULT_PERIODS + 1;
    if (firstEvent != null) {
      int data = interval.period((int) firstEvent.atZone(zone).toLocalDate().toEpochDay());
      first = Math.max(first, Math.min(data, last));
    }
    return interval.start(first);
  }

  private static LocalDate date(String field, String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field, field + " \"" + text + "\" is not a date; use"
          + " YYYY-MM-DD, e.g. 2011-06-01");
    }
  }
}
