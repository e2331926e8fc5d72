package dev.longview.pipeline;

import java.util.List;

/**
 * The pipeline's answer: the page of items, which model of the chain served the request and
 * whether that is a fallback, and the user's lifecycle stage.
 *
 * @param model the model of the chain that served this request (see {@link ModelSet})
 * @param fallback true when the chain's first model could not serve it (failed in training, or
 *     cannot serve this user) and a lower one did
 * @param stage the stage policy the retention stage applied ({@code new}, {@code activating},
 *     {@code active}, {@code at_risk}, {@code loyal}; {@link RetentionStage}), or with the retention
 *     stage off the simple activity stage of {@link UserStage}
 */
public record Recommendation(List<Item> items, String model, boolean fallback, String stage) {
  /**
   * One recommended item: the blended score, the recall sources that found it and the reasons
   * (empty when the request did not ask for them).
   */
  public record Item(String itemId, float score, List<String> sources, List<String> reasons) {}
}
