/**
 * The policy lab runner: {@link dev.longview.sim.LabRunner} runs policies against the simulated
 * world through real SQLite stores and summarises {@link dev.longview.sim.RunMetrics} over seeds
 * as {@link dev.longview.sim.Summary} (mean and 95% interval). The only module that sees both the
 * world and the engine.
 */
package dev.longview.sim;
