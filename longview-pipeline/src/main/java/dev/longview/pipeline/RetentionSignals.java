package dev.longview.pipeline;

import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.lifecycle.ActivityLog;
import dev.longview.lifecycle.LifecycleClassifier;
import dev.longview.lifecycle.LifecycleConfig;
import dev.longview.lifecycle.ReturnScores;
import dev.longview.lifecycle.UserState;
import dev.longview.retention.ItemSignals;
import dev.longview.retention.LongTermValueEstimator;
import dev.longview.retention.LongTermValues;
import dev.longview.retention.SessionHistory;
import dev.longview.retention.StagePolicy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * What the retention stage learns at training time, from the snapshot's observable interactions
 * only (no impressions, no hidden state): each item's long-term value and gateway value
 * ({@link LongTermValueEstimator}, sessions = a user's interactions of one UTC day) as
 * {@link ItemSignals}, and every snapshot user's lifecycle state ({@link LifecycleClassifier}) and
 * churn risk as of the snapshot's newest event. Immutable and thread-safe; part of a
 * {@link ModelSet}.
 *
 * <p>The lifecycle log holds every positive interaction as one event of type
 * {@code interaction} (the snapshot keeps weights, not event types): the content profile's rules
 * (activation after 5 active events in 7 days, loyal at 12 of 28 active days, at risk when the
 * current gap exceeds the user's own 80th percentile gap, dormant after 7 and churned after 30
 * days away), with no conversion event.
 */
public final class RetentionSignals {
  static final LifecycleConfig LIFECYCLE = new LifecycleConfig(Set.of("interaction"),
      Set.of("interaction"), 5, 7, "purchase", 30, 7, 7, 0, 90, 12, 0.8, 3, 0.3);
  private static final long DAY_MS = 86_400_000L;

  private final ItemSignals items;
  private final UserState[] states;
  private final StagePolicy[] policies;
  private final double[] churnRisk;
  private final long sessions;
  private final int[] valueOrder;
  private final int[][] byCategoryValue;
  private final LongTermValues values;

  /**
   * How long after the first interaction an {@code activated} user is still {@code activating}:
   * two activation windows (the content profile's 7 days, then one more week). Later, a user the
   * classifier still calls {@code activated} (activated, not loyal, nothing else) gets the
   * {@code active} policy. Without this cap {@code activated} is a state users keep for good, and
   * in the policy lab about 70% of sessions were served the new-user "breadth and gateway"
   * policy meant for the first days.
   */
  static final int ACTIVATING_DAYS = 14;

  private RetentionSignals(ItemSignals items, UserState[] states, StagePolicy[] policies,
      double[] churnRisk, long sessions, LongTermValues values) {
    this.values = values;
    this.items = items;
    this.states = states;
    this.policies = policies;
    this.churnRisk = churnRisk;
    this.sessions = sessions;
    double[] value = items.value();
    int[] byValue = java.util.stream.IntStream.range(0, value.length).boxed()
        .sorted((a, b) -> value[a] != value[b] ? Double.compare(value[b], value[a])
            : Integer.compare(a, b))
        .mapToInt(Integer::intValue).toArray();
    this.valueOrder = java.util.Arrays.stream(byValue).filter(i -> value[i] > 0).toArray();
    int categories = items.categoryValue().length;
    int[] count = new int[categories];
    for (int c : items.category()) {
      if (c >= 0 && c < categories) {
        count[c]++;
      }
    }
    this.byCategoryValue = new int[categories][];
    for (int c = 0; c < categories; c++) {
      byCategoryValue[c] = new int[count[c]];
      count[c] = 0;
    }
    for (int i : byValue) {
      int c = items.category()[i];
      if (c >= 0 && c < categories) {
        byCategoryValue[c][count[c]++] = i;
      }
    }
  }

  /** Items with a positive long-term value, highest first (for {@link ValueRecall}). */
  int[] valueOrder() {
    return valueOrder;
  }

  /**
   * Each category's items by long-term value, highest first, ties by index, by category index
   * (for {@link ValueRecall} with a category plan); built once per training.
   */
  int[] itemsByValue(int category) {
    return byCategoryValue[category];
  }

  /**
   * Diagnostics of what the estimator would learn from {@code s} as of {@code asOfSecond}: the
   * session-clustered test of category heterogeneity ({@link LongTermValues#categoryEvidence()}),
   * the split-half correlation of the category values and the cross-fit slope test
   * ({@link dev.longview.retention.ValueEvidence}). For benchmarks and the policy lab's
   * diagnostics; runs the estimator three times.
   */
  public static String evidence(InteractionSnapshot s, long asOfSecond,
      LongTermValueEstimator.Config estimator) {
    int[] category = categories(s);
    SessionHistory history = Logs.of(s).history();
    Instant asOf = Instant.ofEpochSecond(asOfSecond + 1);
    java.util.function.IntFunction<Integer> categoryOf = categoryOf(s, history, category);
    int categories = s.categoryNames().size();
    LongTermValueEstimator e = new LongTermValueEstimator(estimator);
    return String.format(java.util.Locale.ROOT, "%s; split-half r of category values %.3f; %s",
        e.estimate(history, asOf, categoryOf, categories).categoryEvidence(),
        dev.longview.retention.ValueEvidence.splitHalf(e, history, asOf, categoryOf, categories),
        dev.longview.retention.ValueEvidence.crossFit(e, history, asOf, categoryOf, categories));
  }

  /** Each snapshot item's category for the retention stage: its last one, -1 when none. */
  private static int[] categories(InteractionSnapshot s) {
    int[] category = new int[s.itemCount()];
    for (int i = 0; i < category.length; i++) {
      int[] c = s.itemCategoryIndices(i);
      category[i] = c.length == 0 ? -1 : c[c.length - 1];
    }
    return category;
  }

  /** The category of a session-history item index (through its snapshot index). */
  private static java.util.function.IntFunction<Integer> categoryOf(InteractionSnapshot s,
      SessionHistory history, int[] category) {
    return h -> {
      int i = s.itemIndex(history.itemId(h));
      return i < 0 ? -1 : category[i];
    };
  }

  /** Learns the signals from {@code s} as of {@code asOfSecond} (the snapshot's newest event). */
  static RetentionSignals learn(InteractionSnapshot s, long asOfSecond) {
    return learn(s, asOfSecond, LongTermValueEstimator.Config.defaults());
  }

  /** As {@link #learn(InteractionSnapshot, long)} with the value estimator's settings. */
  static RetentionSignals learn(InteractionSnapshot s, long asOfSecond,
      LongTermValueEstimator.Config estimator) {
    int n = s.itemCount();
    int[] category = categories(s);
    Logs logs = Logs.of(s);
    SessionHistory history = logs.history();
    Instant asOf = Instant.ofEpochSecond(asOfSecond + 1);
    LongTermValues values = new LongTermValueEstimator(estimator)
        .estimate(history, asOf, categoryOf(s, history, category), s.categoryNames().size());
    double[] value = new double[n];
    double[] gateway = new double[n];
    for (int i = 0; i < n; i++) {
      value[i] = values.item(s.itemId(i), category[i]) - values.global();
      gateway[i] = values.gateway(s.itemId(i), category[i]) - values.global();
    }
    Users users = logs.users(s, asOf);
    UserState[] states = users.states();
    double[] risk = users.churnRisk();
    StagePolicy[] policies = new StagePolicy[s.userCount()];
    for (int u = 0; u < s.userCount(); u++) {
      policies[u] = policy(states[u], firstSecond(s, u), asOfSecond);
    }
    return new RetentionSignals(new ItemSignals(category, value, gateway, values.scale(),
        ItemSignals.categoryMeans(category, value, s.categoryNames().size())), states,
        policies, risk, values.sessions(), values);
  }

  /** The user's own return effects by category (at-risk requests rank by them too). */
  dev.longview.retention.PersonalEffects personal(String userId) {
    return userId == null ? dev.longview.retention.PersonalEffects.NONE : values.personal(userId);
  }

  /**
   * A snapshot's positive interactions twice over: as retention sessions (one per user and UTC
   * day, for the long-term value estimate and the churn risk) and as a lifecycle activity log (one
   * {@code interaction} event each, for the lifecycle states). Shared by this class and
   * {@link UserSignalTable}, so that both apply the same rules to the same events.
   */
  /** Users' lifecycle states (null: no activity) and churn risks, by snapshot user index. */
  record Users(UserState[] states, double[] churnRisk) {}

  record Logs(SessionHistory history, ActivityLog activity) {
    static Logs of(InteractionSnapshot s) {
      SessionHistory history = new SessionHistory();
      ActivityLog.Builder log = ActivityLog.builder();
      int[] historyItem = new int[s.itemCount()];
      java.util.Arrays.fill(historyItem, -1);
      for (int u = 0; u < s.userCount(); u++) {
        String id = s.userId(u);
        for (int p = s.userStart(u); p < s.userEnd(u); p++) {
          if (s.weightAt(p) <= 0) {
            continue;
          }
          int i = s.itemAt(p);
          long ms = s.epochSecondAt(p) * 1000L;
          if (historyItem[i] < 0) {
            historyItem[i] = history.internItem(s.itemId(i));
          }
          history.add(id, "day-" + Math.floorDiv(ms, DAY_MS), ms, historyItem[i]);
          log.event(id, ms, "interaction", Double.NaN, null, s.itemId(i), 0);
        }
      }
      return new Logs(history, log.build());
    }

    /**
     * Every snapshot user's lifecycle state and churn risk as of {@code asOf}: the churn model's
     * return scores ({@link RetentionSignals#returnScores}) feed the classifier's at-risk rule, and
     * the risk is 1 - the model's return probability, or the gap rule ({@link #churnRisk}) for a
     * user the model has no score for (or when the log is too short to train it).
     */
    Users users(InteractionSnapshot s, Instant asOf) {
      ReturnScores returns = RetentionSignals.returnScores(activity, asOf);
      UserState[] states = states(s, asOf, returns);
      double[] risk = new double[s.userCount()];
      for (int u = 0; u < s.userCount(); u++) {
        int a = activity.userIndex(s.userId(u));
        double back = a < 0 ? Double.NaN : returns.probabilityOfReturn(a);
        risk[u] = Double.isNaN(back) ? churnRisk(history, s.userId(u), asOf.toEpochMilli())
            : 1 - back;
      }
      return new Users(states, risk);
    }

    /**
     * Each of {@code s}'s users' lifecycle state as of {@code asOf} ({@link #LIFECYCLE} rules, the
     * at-risk rule also by {@code returns}); null for a user with no positive interaction.
     */
    UserState[] states(InteractionSnapshot s, Instant asOf, ReturnScores returns) {
      LifecycleClassifier.Result r = LifecycleClassifier.classify(activity, LIFECYCLE, asOf,
          ZoneOffset.UTC, returns);
      UserState[] states = new UserState[s.userCount()];
      for (int u = 0; u < s.userCount(); u++) {
        int a = activity.userIndex(s.userId(u));
        states[u] = a < 0 ? null : r.state()[a];
      }
      return states;
    }
  }

  /**
   * The churn model's probability that each activity-log user comes back within
   * {@link #CHURN_HORIZON_DAYS} days ({@code ChurnRisk.returnScores}: the lifecycle issue's
   * regularised logistic regression over recency / frequency / activity features, trained on every
   * monthly cutoff whose labels are complete by {@code asOf}); {@link ReturnScores#NONE} when the
   * log is too short for one complete cutoff (then the churn risk is the gap rule, {@link
   * #churnRisk}). Feeds both the lifecycle classifier's at-risk rule and the re-ranker's churn
   * risk.
   */
  static ReturnScores returnScores(ActivityLog activity, Instant asOf) {
    try {
      return dev.longview.churn.ChurnRisk.returnScores(activity, LIFECYCLE, ZoneOffset.UTC, asOf,
          dev.longview.churn.ChurnEvaluation.Config.defaults()
              .withHorizonDays(CHURN_HORIZON_DAYS));
    } catch (IllegalArgumentException tooShort) {
      return ReturnScores.NONE;
    }
  }

  /** The churn model's horizon: a return within 30 days (the lifecycle profile's dormancy). */
  static final int CHURN_HORIZON_DAYS = 30;

  /**
   * The stage policy of a lifecycle state: {@link StagePolicy#of}, except that an
   * {@code activated} user first seen more than {@link #ACTIVATING_DAYS} days before
   * {@code asOfSecond} is {@code active}.
   */
  static StagePolicy policy(UserState state, long firstSecond, long asOfSecond) {
    StagePolicy p = StagePolicy.of(state);
    if (state == UserState.ACTIVATED && firstSecond < asOfSecond - ACTIVATING_DAYS * DAY_MS / 1000) {
      return StagePolicy.ACTIVE;
    }
    return p;
  }

  private static long firstSecond(InteractionSnapshot s, int u) {
    long first = Long.MAX_VALUE;
    for (int p = s.userStart(u); p < s.userEnd(u); p++) {
      first = Math.min(first, s.epochSecondAt(p));
    }
    return first;
  }

  /**
   * The lab's observable churn risk: time away relative to the user's own rhythm,
   * {@code 1 - exp(-gap / (2 * meanGap))} (mean gap 3 days when unknown); NaN when never seen.
   */
  static double churnRisk(SessionHistory history, String userId, long nowMs) {
    long last = history.lastSessionStart(userId);
    if (last == Long.MIN_VALUE) {
      return Double.NaN;
    }
    double gap = (nowMs - last) / (double) DAY_MS;
    double mean = history.meanGapDays(userId);
    if (Double.isNaN(mean) || mean <= 0) {
      mean = 3;
    }
    return 1 - Math.exp(-gap / (2 * mean));
  }

  public ItemSignals items() {
    return items;
  }

  /** The lifecycle state of a snapshot user as of the snapshot's end (null: no activity). */
  public UserState state(int user) {
    return user < 0 ? null : states[user];
  }

  /**
   * The stage policy of a snapshot user as of the snapshot's end ({@link #policy}); {@code new}
   * for an unknown user or one without activity.
   */
  public StagePolicy stagePolicy(int user) {
    return user < 0 || policies[user] == null ? StagePolicy.NEW : policies[user];
  }

  /** The churn risk of a snapshot user in [0, 1], NaN when unknown. */
  public double churnRisk(int user) {
    return user < 0 ? Double.NaN : churnRisk[user];
  }

  /** Labelled sessions the long-term values were estimated from. */
  public long sessions() {
    return sessions;
  }
}
