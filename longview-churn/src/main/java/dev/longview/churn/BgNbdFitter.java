package dev.longview.churn;

/**
 * Fits {@link BgNbd} by maximum likelihood: Nelder-Mead on the logarithms of the four
 * parameters, from (1, 1, 1, 1), restarted from its own optimum until the log-likelihood stops
 * improving. Deterministic.
 */
public final class BgNbdFitter {
  private BgNbdFitter() {}

  /** The fit and its total log-likelihood. */
  public record Fit(BgNbd model, double logLikelihood, int evaluations) {}

  public static Fit fit(RepeatData data) {
    if (data.customers() == 0) {
      throw new IllegalArgumentException("no customers to fit BG/NBD on");
    }
    java.util.function.ToDoubleFunction<double[]> negLl = p -> {
      double[] e = new double[4];
      for (int i = 0; i < 4; i++) {
        e[i] = Math.exp(p[i]);
      }
      if (!(e[0] > 1e-8 && e[1] > 1e-8 && e[2] > 1e-8 && e[3] > 1e-8) || e[0] > 1e6 || e[1] > 1e6
          || e[2] > 1e6 || e[3] > 1e6) {
        return Double.MAX_VALUE;
      }
      BgNbd m = new BgNbd(e[0], e[1], e[2], e[3]);
      double sum = 0;
      for (int c = 0; c < data.customers(); c++) {
        sum += m.logLikelihood(data.x(c), data.tx(c), data.T(c));
      }
      return Double.isNaN(sum) ? Double.MAX_VALUE : -sum;
    };
    double[] p = {0, 0, 0, 0};
    double best = negLl.applyAsDouble(p);
    int evaluations = 0;
    for (int restart = 0; restart < 10; restart++) {
      NelderMead.Result r = NelderMead.minimize(negLl, p, 0.5, 1e-10, 4000);
      evaluations += r.evaluations();
      boolean improved = r.value() < best - 1e-7;
      p = r.point();
      best = Math.min(best, r.value());
      if (!improved && restart > 0) {
        break;
      }
    }
    return new Fit(new BgNbd(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3])),
        -best, evaluations);
  }
}
