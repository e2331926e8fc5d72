package dev.longview.lifecycle;

import dev.longview.core.Event;
import dev.longview.core.Item;
import dev.longview.core.User;
import dev.longview.lab.shop.ShopConfig;
import dev.longview.lab.shop.ShopGenerator;
import dev.longview.lab.shop.ShopSink;
import dev.longview.store.EventStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Times the whole lifecycle analysis after the extract is in memory: active days, the PostHog
 * lifecycle and first-time N-day retention for day, week and month, DAU/WAU/MAU, L28, commerce
 * metrics and every user's state. Not a test (no JUnit); run with the test classpath:
 *
 * <pre>
 * java -Xmx6g -cp "$(cat cp.txt):longview-lifecycle/target/classes:longview-lifecycle/target/test-classes" \
 *     dev.longview.lifecycle.LifecycleBenchmark store PATH.db
 * java ... dev.longview.lifecycle.LifecycleBenchmark shop USERS [USERS...]
 * </pre>
 * Each size: one warm-up, then the median of 5 runs. In {@code store} mode it first times the
 * two loads of the extract in the same run: {@code ActivityLog.loadFromEvents} (the former load,
 * one {@code Event} per row) against {@code ActivityLog.load} (the store's columnar
 * {@code activity} read), warm-up then the median of 3 alternating rounds each.
 */
public final class LifecycleBenchmark {
  private LifecycleBenchmark() {}

  public static void main(String[] args) {
    if (args[0].equals("store")) {
      ActivityLog log;
      double load;
      try (EventStore store = EventStore.open(args[1])) {
        // baseline in the same run: the former load, one Event object per row through events();
        // then the columnar load (EventStore.activity), alternating, -Drounds (3) each after a warm-up
        ActivityLog.loadFromEvents(store);
        ActivityLog.load(store);
        int rounds = Integer.getInteger("rounds", 3);
        double[] rows = new double[rounds];
        double[] columns = new double[rounds];
        ActivityLog old = null;
        log = null;
        for (int round = 0; round < rounds; round++) {
          long t0 = System.nanoTime();
          old = ActivityLog.loadFromEvents(store);
          rows[round] = (System.nanoTime() - t0) / 1e9;
          long t1 = System.nanoTime();
          log = ActivityLog.load(store);
          columns[round] = (System.nanoTime() - t1) / 1e9;
        }
        Arrays.sort(rows);
        Arrays.sort(columns);
        load = columns[rounds / 2];
        long oldCheck = analyse(old, LifecycleConfig.commerce(),
            Instant.ofEpochMilli(old.timeRange()[1] + 1), ZoneOffset.UTC);
        long newCheck = analyse(log, LifecycleConfig.commerce(),
            Instant.ofEpochMilli(log.timeRange()[1] + 1), ZoneOffset.UTC);
        System.out.printf("%,d events: loadFromEvents (Event per row) median %.2f s (min %.2f,"
                + " max %.2f); load (activity, columnar) median %.2f s (min %.2f, max %.2f);"
                + " ratio %.1fx; same analysis checksum: %b%n", log.events(), rows[rounds / 2],
            rows[0], rows[rounds - 1], columns[rounds / 2], columns[0], columns[rounds - 1],
            rows[rounds / 2] / columns[rounds / 2],
            oldCheck == newCheck);
      }
      report(args[1], log, ZoneOffset.UTC, load);
      return;
    }
    for (int i = 1; i < args.length; i++) {
      int users = Integer.parseInt(args[i]);
      long t = System.nanoTime();
      ActivityLog log = shop(users);
      report("shop users=" + users, log, ZoneId.of("Europe/London"), (System.nanoTime() - t) / 1e9);
    }
  }

  static ActivityLog shop(int users) {
    ActivityLog.Builder b = ActivityLog.builder();
    ShopConfig config = ShopConfig.defaults().withUsers(users).withItems(5000).withPeriod(
        LocalDate.of(2025, 1, 1), 365, ZoneId.of("Europe/London"));
    new ShopGenerator(config).generate(new ShopSink() {
      @Override
      public void user(User user) {
        b.user(user.id(), user.firstSeen() == null ? Long.MAX_VALUE : user.firstSeen().toEpochMilli(),
            user.attributes());
      }

      @Override
      public void item(Item item) {}

      @Override
      public void event(Event event) {
        b.event(event);
      }
    });
    return b.build();
  }

  static void report(String name, ActivityLog log, ZoneId zone, double buildSeconds) {
    long[] range = log.timeRange();
    Instant asOf = Instant.ofEpochMilli(range[1] + 1);
    LifecycleConfig config = LifecycleConfig.commerce();
    double[] s = new double[6];
    long checksum = 0;
    for (int run = 0; run < s.length; run++) {
      long t = System.nanoTime();
      checksum += analyse(log, config, asOf, zone);
      s[run] = (System.nanoTime() - t) / 1e9;
    }
    double[] timed = Arrays.copyOfRange(s, 1, s.length);
    Arrays.sort(timed);
    System.out.printf("%-28s events %,12d users %,9d | extract %.2f s | analysis median %.3f s"
            + " (min %.3f, max %.3f, warm-up %.3f) | %.0f ns/event [check %d]%n", name, log.events(),
        log.users(), buildSeconds, timed[2], timed[0], timed[4], s[0], 1e9 * timed[2] / log.events(),
        checksum);
  }

  static long analyse(ActivityLog log, LifecycleConfig config, Instant asOf, ZoneId zone) {
    long sum = 0;
    ActiveDays a = ActiveDays.of(log, config, asOf, zone);
    LocalDate first = LocalDate.ofEpochDay(a.asOfDay()).minusMonths(12).withDayOfMonth(1);
    for (Interval iv : Interval.values()) {
      LifecycleTable t = LifecycleTable.of(a, iv, first);
      sum += t.rows().size();
      RetentionTable r = RetentionTable.of(a, iv, RetentionTable.Cohorts.FIRST_TIME,
          RetentionTable.Variant.N_DAY, first, iv == Interval.DAY ? 30 : 12, u -> true);
      sum += r.rows().get(0).size();
    }
    sum += Engagement.on(a, u -> true).mau();
    sum += Engagement.l28(a, u -> true)[1];
    sum += CommerceMetrics.of(log, config, first.atStartOfDay(zone).toInstant(), asOf, u -> true)
        .orders();
    sum += LifecycleClassifier.classify(log, config, asOf, zone, ReturnScores.NONE).stateCounts()
        .get(UserState.CHURNED);
    return sum;
  }
}
