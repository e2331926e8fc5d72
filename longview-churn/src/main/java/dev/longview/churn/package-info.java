/**
 * Return / churn prediction (PROTOCOLS section 3).
 *
 * <p>{@link dev.longview.churn.ChurnDataset} turns an activity extract into labelled rows at
 * several cutoffs (label: no active event in (t0, t0 + N]; features only from before t0);
 * {@link dev.longview.churn.ChurnEvaluation} splits them by time and compares regularised
 * {@link dev.longview.churn.LogisticRegression} and LightGBM with the recency, RFM and BG/NBD
 * baselines on the same test rows ({@link dev.longview.churn.ClassifierMetrics});
 * {@link dev.longview.churn.BgNbd} and {@link dev.longview.churn.BgNbdFitter} implement Fader,
 * Hardie and Lee (2005) on {@link dev.longview.churn.RepeatData}; {@link dev.longview.churn.ChurnRisk}
 * gives the rest of the engine a per-user probability of return. LightGBM (native code) is
 * confined to this module.
 */
package dev.longview.churn;
