/**
 * Retention-aware engine components, learned from observable logs only.
 * {@link dev.longview.retention.SessionHistory} collects sessions from events;
 * {@link dev.longview.retention.LongTermValueEstimator} turns them into per-item and per-category
 * {@link dev.longview.retention.LongTermValues} (within-user fixed effects with shrinkage);
 * {@link dev.longview.retention.RetentionAwareReranker} is the re-rank stage over (item index,
 * relevance) candidates, configured per {@link dev.longview.retention.StagePolicy} by a
 * {@link dev.longview.retention.RerankConfig}. Independent of HTTP and of the simulator.
 */
package dev.longview.retention;
