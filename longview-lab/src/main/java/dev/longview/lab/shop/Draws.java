package dev.longview.lab.shop;

import java.util.SplittableRandom;

/**
 * The random draws the shop generator needs, written out by hand on top of
 * {@link SplittableRandom#nextLong()} (SplitMix64) and {@link StrictMath}, so that the same seed
 * gives the same shop bit for bit on every JDK and every CPU: neither the JDK's bounded-int and
 * Gaussian algorithms nor intrinsified {@code Math} functions are relied on.
 *
 * <p>Stateless; each method advances only the generator it is given.
 */
final class Draws {
  private Draws() {}

  /** Uniform in [0, 1), the same 53-bit construction as {@code SplittableRandom.nextDouble()}. */
  static double uniform(SplittableRandom rng) {
    return (rng.nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform integer in [0, bound); bound must be positive. */
  static int index(SplittableRandom rng, int bound) {
    assert bound > 0 : bound;
    return (int) (uniform(rng) * bound);
  }

  /** Uniform integer in [from, to], both inclusive. */
  static int between(SplittableRandom rng, int from, int to) {
    return from + index(rng, to - from + 1);
  }

  static boolean chance(SplittableRandom rng, double p) {
    return uniform(rng) < p;
  }

  /** Standard normal by the Box-Muller transform (one of the pair is discarded, for simplicity). */
  static double normal(SplittableRandom rng) {
    double u = 1.0 - uniform(rng); // (0, 1]
    double v = uniform(rng);
    return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
  }

  static double normal(SplittableRandom rng, double mean, double sd) {
    return mean + sd * normal(rng);
  }

  /** Log-normal: {@code exp(N(mu, sigma))}. */
  static double logNormal(SplittableRandom rng, double mu, double sigma) {
    return StrictMath.exp(normal(rng, mu, sigma));
  }

  /** Exponential with the given mean. */
  static double exponential(SplittableRandom rng, double mean) {
    return -mean * StrictMath.log(1.0 - uniform(rng));
  }

  /** Number of failures before the first success, success probability {@code p} in (0, 1]. */
  static int geometric(SplittableRandom rng, double p) {
    if (p >= 1.0) {
      return 0;
    }
    double k = StrictMath.floor(StrictMath.log(1.0 - uniform(rng)) / StrictMath.log1p(-p));
    return (int) Math.min(k, 1 << 30); // capped so that callers can add a day number safely
  }

  /** Poisson by Knuth's multiplication method; fine for the small means used here. */
  static int poisson(SplittableRandom rng, double mean) {
    double limit = StrictMath.exp(-mean);
    double product = uniform(rng);
    int k = 0;
    while (product > limit) {
      product *= uniform(rng);
      k++;
    }
    return k;
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the usual boost for shape below 1. */
  static double gamma(SplittableRandom rng, double shape) {
    if (shape < 1.0) {
      double boost = StrictMath.pow(1.0 - uniform(rng), 1.0 / shape);
      return gamma(rng, shape + 1.0) * boost;
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / StrictMath.sqrt(9.0 * d);
    while (true) {
      double x = normal(rng);
      double v = 1.0 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = 1.0 - uniform(rng);
      if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
        return d * v;
      }
    }
  }

  /** A symmetric Dirichlet(alpha, ..., alpha) vector of the given dimension. */
  static double[] dirichlet(SplittableRandom rng, int dimension, double alpha) {
    double[] p = new double[dimension];
    double sum = 0;
    for (int i = 0; i < dimension; i++) {
      p[i] = gamma(rng, alpha) + 1e-12;
      sum += p[i];
    }
    for (int i = 0; i < dimension; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** An index drawn with probability proportional to {@code weights[i]} (not all zero). */
  static int weighted(SplittableRandom rng, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double target = uniform(rng) * total;
    for (int i = 0; i < weights.length; i++) {
      target -= weights[i];
      if (target < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  static double sigmoid(double x) {
    return 1.0 / (1.0 + StrictMath.exp(-x));
  }

  static double logit(double p) {
    return StrictMath.log(p / (1.0 - p));
  }
}
