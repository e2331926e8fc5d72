/**
 * Recommendation policies as the policy lab drives them: the {@link
 * dev.longview.retention.policy.Policy} contract (retrain from an event store, answer visit
 * requests) and the four named in {@link dev.longview.retention.policy.Policies}. Candidate
 * generation goes through {@link dev.longview.retention.policy.CandidateSource}, the one place to
 * plug in the serving pipeline.
 */
package dev.longview.retention.policy;
