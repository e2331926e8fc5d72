package dev.longview.churn;

/**
 * A fitted BG/NBD model (Fader, Hardie and Lee, "Counting Your Customers the Easy Way", Marketing
 * Science 24(2), 2005): while alive a customer buys at Poisson rate lambda, lambda ~ Gamma(r,
 * alpha) across customers; after each purchase they drop out with probability p, p ~ Beta(a, b).
 * Per customer: x repeat purchases, t_x the time of the last one and T the time since the first
 * purchase (all in the same unit, e.g. weeks). Immutable.
 */
public record BgNbd(double r, double alpha, double a, double b) {
  public BgNbd {
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
      throw new IllegalArgumentException("BG/NBD parameters must be positive, got r=" + r
          + " alpha=" + alpha + " a=" + a + " b=" + b);
    }
  }

  /** ln L(r, alpha, a, b | x, t_x, T), equation (6) of the paper. */
  public double logLikelihood(double x, double tx, double T) {
    double a1 = SpecialFunctions.lnGamma(r + x) - SpecialFunctions.lnGamma(r) + r * Math.log(alpha);
    double a2 = SpecialFunctions.lnBeta(a, b + x) - SpecialFunctions.lnBeta(a, b);
    double a3 = -(r + x) * Math.log(alpha + T);
    if (x <= 0) {
      return a1 + a2 + a3;
    }
    double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
    double m = Math.max(a3, a4);
    return a1 + a2 + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
  }

  /** P(alive | x, t_x, T) = 1 / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x)). */
  public double pAlive(double x, double tx, double T) {
    if (x <= 0) {
      return 1;
    }
    double ratio = (r + x) * Math.log((alpha + T) / (alpha + tx));
    return 1 / (1 + a / (b + x - 1) * Math.exp(ratio));
  }

  /**
   * P(no purchase in the next {@code t} time units | x, t_x, T) = 1 - P(alive) (1 - ((alpha + T) /
   * (alpha + T + t))^(r + x)): a customer can only drop out right after a purchase, so one who is
   * alive at T and buys nothing stays alive, and given alive their rate has the posterior
   * Gamma(r + x, alpha + T), whose Poisson zero probability over t is the power term. This is the
   * model's probability of the churn label "no purchase within the horizon" (unlike 1 - P(alive),
   * which ranks customers without a repeat purchase as the safest).
   */
  public double probabilityNoPurchase(double t, double x, double tx, double T) {
    if (t <= 0) {
      return 1;
    }
    double silentIfAlive = Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t)));
    return 1 - pAlive(x, tx, T) * (1 - silentIfAlive);
  }

  /**
   * Expected purchases in the next {@code t} time units given x, t_x, T (equation 10):
   * (a + b + x - 1) / (a - 1) [1 - ((alpha + T) / (alpha + T + t))^(r + x)
   * 2F1(r + x, b + x; a + b + x - 1; t / (alpha + T + t))] / (1 + [x > 0] a / (b + x - 1)
   * ((alpha + T) / (alpha + t_x))^(r + x)).
   */
  public double expectedPurchases(double t, double x, double tx, double T) {
    if (t <= 0) {
      return 0;
    }
    double hyp = SpecialFunctions.hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
    double bracket = 1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * hyp;
    double num = (a + b + x - 1) / (a - 1) * bracket;
    double den = x > 0 ? 1 + a / (b + x - 1) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx)))
        : 1;
    return num / den;
  }

  /**
   * Expected repeat purchases of a new customer in the first {@code t} time units after the first
   * purchase (equation 7): (a + b - 1) / (a - 1) [1 - (alpha / (alpha + t))^r
   * 2F1(r, b; a + b - 1; t / (alpha + t))].
   */
  public double expectedRepeatPurchases(double t) {
    if (t <= 0) {
      return 0;
    }
    double hyp = SpecialFunctions.hyp2f1(r, b, a + b - 1, t / (alpha + t));
    return (a + b - 1) / (a - 1) * (1 - Math.exp(r * Math.log(alpha / (alpha + t))) * hyp);
  }
}
