package dev.longview.pipeline;

/**
 * A first, simple lifecycle stage computed from the user's activity in the snapshot and since
 * (issue 6 replaces it with the lifecycle module's classifier):
 *
 * <ul>
 *   <li>{@code new}: unknown, or fewer than {@link #NEW_BELOW} interactions in all;
 *   <li>{@code dormant}: the last interaction is more than {@link #DORMANT_DAYS} days before the
 *       snapshot's newest event, and nothing since;
 *   <li>{@code active}: otherwise.
 * </ul>
 *
 * Times are the snapshot's, not the wall clock, so that imported historical data gets stages
 * relative to its own end.
 */
public final class UserStage {
  public static final int NEW_BELOW = 5;
  public static final int DORMANT_DAYS = 30;

  private UserStage() {}

  static String of(RequestContext ctx) {
    int interactions = ctx.historyCount() + ctx.recentItems().length;
    if (interactions < NEW_BELOW) {
      return "new";
    }
    if (ctx.recentItems().length > 0) {
      return "active";
    }
    long last = ctx.lastEpochSecond();
    if (last < ctx.models().referenceEpochSecond - DORMANT_DAYS * 86_400L) {
      return "dormant";
    }
    return "active";
  }
}
