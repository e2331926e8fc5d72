package dev.longview.lab.sim;

import java.util.BitSet;

/**
 * What happened in one simulated run, for scoring policies: per user the arrival day, the days
 * they were active and whether they churned; and totals of impressions, clicks, engagement,
 * purchases, return gaps and slate diversity. The world fills it; read-only to everyone else.
 * Churn is the only entry a deployment could not observe directly (it sees only silence).
 */
public final class Outcomes {
  private final int users;
  private final int days;
  private final int[] arrivalDay;
  private final BitSet active;
  private final boolean[] churned;
  long impressions;
  long clicks;
  long slates;
  long slatesWithClick;
  long purchases;
  long sessions;
  double engagementMinutes;
  double slateDiversitySum;
  long gapSumDays;
  long gaps;
  double satisfactionSum;
  double clickbaitSum;

  Outcomes(int users, int days) {
    this.users = users;
    this.days = days;
    this.arrivalDay = new int[users];
    this.active = new BitSet(users * days);
    this.churned = new boolean[users];
  }

  void arrival(int user, int day) {
    arrivalDay[user] = day;
  }

  void visit(int user, int day) {
    active.set(user * days + day);
  }

  void churn(int user) {
    churned[user] = true;
  }

  public int users() {
    return users;
  }

  public int days() {
    return days;
  }

  public int arrivalDay(int user) {
    return arrivalDay[user];
  }

  public boolean active(int user, int day) {
    return active.get(user * days + day);
  }

  public boolean churned(int user) {
    return churned[user];
  }

  public long impressions() {
    return impressions;
  }

  public long clicks() {
    return clicks;
  }

  public long slates() {
    return slates;
  }

  public long purchases() {
    return purchases;
  }

  public long sessions() {
    return sessions;
  }

  /** Total engagement (minutes) over all clicks. */
  public double engagementMinutes() {
    return engagementMinutes;
  }

  /** Mean share of item pairs within a slate that differ in topic (intra-list diversity). */
  public double meanSlateDiversity() {
    return slates == 0 ? 0 : slateDiversitySum / slates;
  }

  /** Mean days between a user's consecutive visits. */
  public double meanReturnGapDays() {
    return gaps == 0 ? Double.NaN : (double) gapSumDays / gaps;
  }

  /**
   * Mean hidden satisfaction (SAT) at the end of a session: a diagnostic of the world, never shown
   * to a policy.
   */
  public double meanSessionEndSatisfaction() {
    return sessions == 0 ? Double.NaN : satisfactionSum / sessions;
  }

  /** Mean click-bait of the clicked items (hidden item property; a diagnostic). */
  public double meanClickedClickbait() {
    return clicks == 0 ? Double.NaN : clickbaitSum / clicks;
  }

  public int churnedUsers() {
    int n = 0;
    for (boolean c : churned) {
      n += c ? 1 : 0;
    }
    return n;
  }
}
