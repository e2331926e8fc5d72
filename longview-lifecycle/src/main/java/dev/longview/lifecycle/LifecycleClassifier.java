package dev.longview.lifecycle;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies users into a {@link UserState} and an AARRR {@link Stage} as of an instant, from
 * their events strictly before it.
 *
 * <h2>Rules</h2>
 * Let gap = as-of minus the user's last active event (or first seen, when never active), in
 * exact milliseconds; "days" below are 24-hour spans. The first rule that holds wins:
 * <ol>
 *   <li>{@code CHURNED}: gap > {@code churnDays};
 *   <li>{@code DORMANT}: gap > {@code dormantDays};
 *   <li>{@code AT_RISK}: the return model gives a probability below {@code atRiskProbability},
 *       or the user has at least {@code atRiskMinGaps} gaps between consecutive local active
 *       days and the current one (as-of day minus last active day) exceeds the
 *       {@code atRiskGapQuantile} nearest-rank quantile of them;
 *   <li>{@code RESURRECTED}: an active event within the last {@code newDays} followed a gap of
 *       more than {@code churnDays} since the previous active event;
 *   <li>{@code NEW}: first seen within the last {@code newDays} and not activated;
 *   <li>{@code LOYAL}: the loyalty rule (>= {@code loyalOrders} net orders in the last
 *       {@code loyalOrderDays} days, or active on >= {@code loyalActiveDays} of the 28 local days
 *       ending on the as-of day);
 *   <li>{@code CONVERTED}: has converted (an event of the conversion type with a positive or no
 *       value);
 *   <li>{@code ACTIVATED}: reached activation ({@code activationEvents} events of
 *       {@code activationTypes} within {@code activationDays} days of first seen);
 *   <li>{@code ACTIVE} (returning): otherwise.
 * </ol>
 * Users first seen at or after as-of have no state (null). Thread-safe; static.
 */
public final class LifecycleClassifier {
  private static final long DAY_MS = 86_400_000L;

  private LifecycleClassifier() {}

  /**
   * States and stages of every user of a log.
   *
   * @param state null for users not yet seen
   * @param stage null for users not yet seen
   */
  public record Result(UserState[] state, Stage[] stage) {
    public Map<UserState, Integer> stateCounts() {
      Map<UserState, Integer> m = new EnumMap<>(UserState.class);
      for (UserState s : UserState.values()) {
        m.put(s, 0);
      }
      for (UserState s : state) {
        if (s != null) {
          m.merge(s, 1, Integer::sum);
        }
      }
      return m;
    }

    public Map<Stage, Integer> stageCounts() {
      Map<Stage, Integer> m = new EnumMap<>(Stage.class);
      for (Stage s : Stage.values()) {
        m.put(s, 0);
      }
      for (Stage s : stage) {
        if (s != null) {
          m.merge(s, 1, Integer::sum);
        }
      }
      return m;
    }
  }

  /** A change of state, observed at the end of a period. */
  public record Transition(Instant at, UserState from, UserState to) {}

  public static Result classify(ActivityLog log, LifecycleConfig config, Instant asOf,
      ZoneId zone, ReturnScores scores) {
    Context c = new Context(log, config, zone, asOf.toEpochMilli());
    UserState[] state = new UserState[log.users()];
    Stage[] stage = new Stage[log.users()];
    for (int u = 0; u < log.users(); u++) {
      c.evaluate(u, asOf.toEpochMilli(), scores.probabilityOfReturn(u));
      state[u] = c.state;
      stage[u] = c.stage;
    }
    return new Result(state, stage);
  }

  /** One user's state and stage as of {@code asOf}; nulls when not yet seen. */
  public static Result classifyUser(ActivityLog log, LifecycleConfig config, Instant asOf,
      ZoneId zone, int user, double probabilityOfReturn) {
    Context c = new Context(log, config, zone, asOf.toEpochMilli());
    c.evaluate(user, asOf.toEpochMilli(), probabilityOfReturn);
    return new Result(new UserState[] {c.state}, new Stage[] {c.stage});
  }

  /**
   * The user's state at the end of every interval from the one they were first seen in to the
   * one containing {@code asOf} (the last one evaluated at {@code asOf}), reduced to the changes.
   * The first transition has {@code from == null}.
   */
  public static List<Transition> history(ActivityLog log, LifecycleConfig config, Instant asOf,
      ZoneId zone, int user, Interval interval) {
    long asOfMs = asOf.toEpochMilli();
    Context c = new Context(log, config, zone, asOfMs);
    List<Transition> out = new ArrayList<>();
    long fs = log.firstSeenMs(user);
    if (fs >= asOfMs) {
      return out;
    }
    int p = interval.period(c.zoneDays.epochDay(fs));
    UserState previous = null;
    while (true) {
      long end = c.zoneDays.startOfDayMs((int) interval.start(p + 1).toEpochDay());
      long at = Math.min(end, asOfMs);
      c.evaluate(user, at, Double.NaN);
      if (c.state != previous) {
        out.add(new Transition(Instant.ofEpochMilli(at), previous, c.state));
        previous = c.state;
      }
      if (at == asOfMs) {
        return out;
      }
      p++;
    }
  }

  /** Scratch state for evaluating users one at a time. Not thread-safe. */
  private static final class Context {
    final ActivityLog log;
    final LifecycleConfig config;
    final ZoneDays zoneDays;
    final boolean[] active;
    final boolean[] activation;
    final int conversion;
    int[] days = new int[64];
    final java.util.HashSet<Integer> posOrders = new java.util.HashSet<>();
    final java.util.HashSet<Integer> negOrders = new java.util.HashSet<>();
    UserState state;
    Stage stage;

    Context(ActivityLog log, LifecycleConfig config, ZoneId zone, long asOfMs) {
      this.log = log;
      this.config = config;
      long[] range = log.timeRange();
      this.zoneDays = new ZoneDays(zone, Math.min(range[0], asOfMs), Math.max(range[1], asOfMs));
      this.active = ActiveDays.activeTypes(log, config);
      this.activation = new boolean[log.typeCount()];
      for (int i = 0; i < activation.length; i++) {
        activation[i] = config.activationTypes().contains(log.typeName(i));
      }
      this.conversion = log.typeCode(config.conversionType());
    }

    void evaluate(int u, long asOfMs, double probabilityOfReturn) {
      long firstSeen = log.firstSeenMs(u);
      if (firstSeen >= asOfMs) {
        state = null;
        stage = null;
        return;
      }
      long activationDeadline = firstSeen + config.activationDays() * DAY_MS;
      long resurrectedSince = asOfMs - config.newDays() * DAY_MS;
      long loyalSince = asOfMs - config.loyalOrderDays() * DAY_MS;
      long lastActive = Long.MIN_VALUE;
      long activatedAt = Long.MIN_VALUE;
      boolean converted = false;
      boolean resurrected = false;
      int activationCount = 0;
      int nDays = 0;
      posOrders.clear();
      negOrders.clear();
      int windowPos = 0;
      int windowNeg = 0;
      java.util.HashSet<Integer> everPos = new java.util.HashSet<>();
      int everPosNoCode = 0;
      long lastNoCodeTime = Long.MIN_VALUE;
      for (int e = log.userStart(u); e < log.userEnd(u); e++) {
        long t = log.timeMs(e);
        if (t >= asOfMs) {
          break;
        }
        int ty = log.type(e);
        double v = log.value(e);
        boolean cancel = ty == conversion && v < 0;
        if (activation[ty] && !cancel && t < activationDeadline && activatedAt == Long.MIN_VALUE
            && ++activationCount >= config.activationEvents()) {
          activatedAt = t;
        }
        if (ty == conversion) {
          int o = log.order(e);
          if (!cancel) {
            converted = true;
            if (o >= 0) {
              everPos.add(o);
            } else if (t != lastNoCodeTime) {
              everPosNoCode++;
              lastNoCodeTime = t;
            }
          }
          if (t >= loyalSince) {
            int key = o >= 0 ? o : -(int) (t % 1_000_000_007L) - 2;
            if (cancel ? negOrders.add(key) : posOrders.add(key)) {
              if (cancel) {
                windowNeg++;
              } else {
                windowPos++;
              }
            }
          }
        }
        if (active[ty] && !cancel) {
          if (lastActive != Long.MIN_VALUE && t >= resurrectedSince
              && t - lastActive > config.churnDays() * DAY_MS) {
            resurrected = true;
          }
          lastActive = t;
          int d = zoneDays.epochDay(t);
          if (nDays == 0 || days[nDays - 1] != d) {
            if (nDays == days.length) {
              days = Arrays.copyOf(days, nDays * 2);
            }
            days[nDays++] = d;
          }
        }
      }
      int asOfDay = zoneDays.epochDay(asOfMs - 1);
      int l28 = 0;
      for (int i = 0; i < nDays; i++) {
        if (days[i] > asOfDay - 28) {
          l28++;
        }
      }
      boolean activated = activatedAt != Long.MIN_VALUE;
      boolean retained = false;
      if (activated) {
        int activationDay = zoneDays.epochDay(activatedAt);
        retained = nDays > 0 && days[nDays - 1] > activationDay;
      }
      boolean loyalNow = (config.loyalOrders() > 0 && windowPos - windowNeg >= config.loyalOrders())
          || (config.loyalActiveDays() > 0 && l28 >= config.loyalActiveDays());
      boolean repeatBuyer = everPos.size() + everPosNoCode >= 2;

      long gap = asOfMs - (lastActive == Long.MIN_VALUE ? firstSeen : lastActive);
      if (gap > config.churnDays() * DAY_MS) {
        state = UserState.CHURNED;
      } else if (gap > config.dormantDays() * DAY_MS) {
        state = UserState.DORMANT;
      } else if (probabilityOfReturn < config.atRiskProbability()
          || gapAboveUsual(days, nDays, asOfDay)) {
        state = UserState.AT_RISK;
      } else if (resurrected) {
        state = UserState.RESURRECTED;
      } else if (firstSeen >= resurrectedSince && !activated) {
        state = UserState.NEW;
      } else if (loyalNow) {
        state = UserState.LOYAL;
      } else if (converted) {
        state = UserState.CONVERTED;
      } else if (activated) {
        state = UserState.ACTIVATED;
      } else {
        state = UserState.ACTIVE;
      }
      if (repeatBuyer || (config.loyalActiveDays() > 0 && l28 >= config.loyalActiveDays())) {
        stage = Stage.LOYALTY;
      } else if (converted) {
        stage = Stage.CONVERSION;
      } else if (retained) {
        stage = Stage.RETENTION;
      } else if (activated) {
        stage = Stage.ACTIVATION;
      } else {
        stage = Stage.ACQUISITION;
      }
    }

    private boolean gapAboveUsual(int[] days, int nDays, int asOfDay) {
      int gaps = nDays - 1;
      if (gaps < config.atRiskMinGaps()) {
        return false;
      }
      int[] g = new int[gaps];
      for (int i = 0; i < gaps; i++) {
        g[i] = days[i + 1] - days[i];
      }
      Arrays.sort(g);
      int rank = (int) Math.ceil(config.atRiskGapQuantile() * gaps);
      int usual = g[Math.max(0, rank - 1)];
      return asOfDay - days[nDays - 1] > usual;
    }
  }
}
