/**
 * Lifecycle and retention analytics (PROTOCOLS section 4), as of an explicit instant and in an
 * explicit time zone.
 *
 * <h2>Design</h2>
 * Everything starts from an {@link dev.longview.lifecycle.ActivityLog}: a columnar extract of
 * every event (time, type, value, order, item, revenue; grouped by user, time-ordered), read once
 * from the store with no object kept per event. {@link dev.longview.lifecycle.ActiveDays} then
 * reduces it, for one {@link dev.longview.lifecycle.LifecycleConfig} (which event types are
 * "active"), one zone and one as-of instant, to each user's sorted distinct local active days and
 * first-seen day. Every interval metric is a pass over those days, so all of them share one
 * definition of "active" and one calendar:
 * <ul>
 *   <li>{@link dev.longview.lifecycle.LifecycleTable}: PostHog new / returning / resurrecting /
 *       dormant per day, week or month;
 *   <li>{@link dev.longview.lifecycle.RetentionTable}: first-time or recurring cohorts, N-day,
 *       unbounded or bracket retention;
 *   <li>{@link dev.longview.lifecycle.Engagement}: DAU/WAU/MAU, DAU/MAU, L7/L28 and stickiness;
 * </ul>
 * while {@link dev.longview.lifecycle.CommerceMetrics} (orders, revenue, AOV, purchase frequency,
 * repeat purchase rate, conversion rate) and {@link dev.longview.lifecycle.LifecycleClassifier}
 * (user states, AARRR stages, transition history) read the extract directly. Any metric can be
 * split by a user attribute with {@link dev.longview.lifecycle.Segments}. A return model plugs
 * into the at-risk rule through {@link dev.longview.lifecycle.ReturnScores}.
 */
package dev.longview.lifecycle;
