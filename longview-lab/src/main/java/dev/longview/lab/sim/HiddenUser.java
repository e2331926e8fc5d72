package dev.longview.lab.sim;

/**
 * One simulated user's hidden state. Package-private and mutable; owned by {@link World}.
 *
 * <p>{@code interests[k]} in [-1, 1] is the affinity for topic k (RecSim interest evolution);
 * {@code npe} is the net positive exposure of RecSim long-term satisfaction; {@code bias} is
 * KuaiSim's per-user return bias.
 */
final class HiddenUser {
  final int index;
  final int arrivalDay;
  final double[] interests;
  final double bias;
  double npe;
  int nextVisitDay;
  int lastVisitDay = -1;
  boolean churned;

  HiddenUser(int index, int arrivalDay, double[] interests, double bias) {
    this.index = index;
    this.arrivalDay = arrivalDay;
    this.interests = interests;
    this.bias = bias;
    this.nextVisitDay = arrivalDay;
  }

  double satisfaction(double sensitivity) {
    return Rng.sigmoid(sensitivity * npe);
  }
}
