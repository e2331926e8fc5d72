package dev.longview.rank;

/**
 * One feature's part of a ranker score (its SHAP value from LightGBM's tree contributions): the
 * score is the sum of every feature's contribution plus the model's bias.
 *
 * @param feature the feature's stable name, e.g. {@code hour_of_day}
 * @param label the feature's human-readable name, e.g. "hour of day"
 * @param value the feature's value for this candidate (NaN when missing)
 * @param contribution how much the feature moved this candidate's score (positive = up)
 */
public record Contribution(String feature, String label, float value, double contribution) {}
