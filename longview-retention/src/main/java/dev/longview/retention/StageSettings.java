package dev.longview.retention;

/**
 * How the re-ranker scores candidates for one {@link StagePolicy}. Scores combine, for a candidate
 * i given the items already placed: {@code relevance(i) + valueWeight * value(i) + noveltyWeight *
 * novel(i) - diversityWeight * maxSimilarity(i, placed)}, where relevance is min-max scaled over
 * the candidates to [0, 1], value is the long-term value (or the gateway value when
 * {@code useGateway}) in units of {@link RerankConfig#valueUnit()}, clipped to [-1, 1] (0 when
 * nothing is learnt yet), and novel(i) is 1 for
 * a category the user has not consumed. With probability {@code exploration} a slot is filled with
 * a uniformly drawn remaining candidate instead (exploration for users the model knows little of).
 *
 * @param valueWeight lambda(stage), >= 0
 * @param useGateway score by gateway value (what brought new users back) instead of overall value
 * @param diversityWeight MMR weight, >= 0
 * @param noveltyWeight bonus for categories new to the user, >= 0
 * @param exploration chance per slot of a random candidate, in [0, 1)
 */
public record StageSettings(double valueWeight, boolean useGateway, double diversityWeight,
    double noveltyWeight, double exploration) {
  public StageSettings {
    if (!(valueWeight >= 0) || !(diversityWeight >= 0) || !(noveltyWeight >= 0)
        || !(exploration >= 0 && exploration < 1)) {
      throw new IllegalArgumentException("stage settings value " + valueWeight + ", diversity "
          + diversityWeight + ", novelty " + noveltyWeight + ", exploration " + exploration
          + "; weights must be >= 0 and exploration in [0, 1)");
    }
  }
}
