/**
 * Offline evaluation: protocols, seeded splits, full-ranking metrics and random search.
 *
 * <p>The pipeline, top to bottom: a {@link dev.longview.eval.Protocol} filters an
 * {@code InteractionSnapshot} into a {@link dev.longview.eval.Dataset} (its own dense index space);
 * a {@link dev.longview.eval.Splitter} cuts it, per seed, into a {@link dev.longview.eval.Split}
 * (a training snapshot with every user and item but only training entries, and held-out items per
 * user); any {@code Trainer} trains on {@code split.train()}; the {@link dev.longview.eval.Evaluator}
 * ranks all items for each user with held-out items, through the shared {@code TopK} and
 * {@code ItemFilter} of longview-core, and returns a {@link dev.longview.eval.Report}. An
 * {@link dev.longview.eval.Experiment} repeats this over seeds, with optional random search on the
 * validation part, into an {@link dev.longview.eval.ExperimentResult}.
 *
 * <p>Depends on longview-core only: algorithms come in as a {@link dev.longview.eval.TrainerFactory}.
 * Metric definitions are written out in {@code RankingMetrics} and {@code BeyondAccuracy} and follow
 * PROTOCOLS.md section 1; every one is checked against a hand-computed value in the tests.
 */
package dev.longview.eval;
