package dev.longview.lab.sim;

import java.util.SplittableRandom;

/**
 * The simulator's random streams and draws. Every (seed, user, day) has its own
 * {@link SplittableRandom}, so that two policies run on the same seed meet the same users, arriving
 * on the same days and making the same coin flips as far as their different slates allow (common
 * random numbers). Draws use {@link StrictMath} only, so a seed gives the same world on every JDK.
 */
final class Rng {
  private Rng() {}

  /** The stream of one user on one day ({@code day = -1}: the user's own creation). */
  static SplittableRandom stream(long seed, long user, long day) {
    long z = seed * 0x9E3779B97F4A7C15L + user * 0xC2B2AE3D27D4EB4FL + day * 0x165667B19E3779F9L;
    return new SplittableRandom(mix(z));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  static double uniform(SplittableRandom rng) {
    return (rng.nextLong() >>> 11) * 0x1.0p-53;
  }

  static boolean chance(SplittableRandom rng, double p) {
    return uniform(rng) < p;
  }

  /** Standard normal by Box-Muller (one of the pair discarded). */
  static double normal(SplittableRandom rng) {
    double u = 1.0 - uniform(rng);
    double v = uniform(rng);
    return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
  }

  static double sigmoid(double x) {
    return 1.0 / (1.0 + StrictMath.exp(-x));
  }

  static double clamp(double x, double lo, double hi) {
    return Math.max(lo, Math.min(hi, x));
  }
}
