package dev.longview.eval;

import java.util.Random;

/** See {@link Splitter#ratio}. */
record RatioSplitter(double train, double valid, double test) implements Splitter {
  RatioSplitter {
    if (!(train > 0) || !(valid >= 0) || !(test > 0) || Math.abs(train + valid + test - 1) > 1e-9) {
      throw new IllegalArgumentException("split ratios were " + train + "/" + valid + "/" + test
          + "; use positive train and test shares and a valid share >= 0 that add up to 1, e.g. 0.8/0.1/0.1");
    }
  }

  @Override
  public byte[] roles(Dataset data, long seed) {
    byte[] roles = new byte[data.size()];
    Random random = new Random(seed);
    int[] order = new int[0];
    for (int u = 0; u < data.userCount(); u++) {
      int start = data.userStart(u);
      int n = data.userEnd(u) - start;
      if (order.length < n) {
        order = new int[Math.max(n, 2 * order.length)];
      }
      for (int k = 0; k < n; k++) {
        order[k] = k;
      }
      for (int k = n - 1; k > 0; k--) {
        int j = random.nextInt(k + 1);
        int t = order[k];
        order[k] = order[j];
        order[j] = t;
      }
      int[] counts = counts(n);
      for (int k = 0; k < n; k++) {
        byte role = k < counts[0] ? TRAIN : k < counts[0] + counts[1] ? VALID : TEST;
        roles[start + order[k]] = role;
      }
    }
    return roles;
  }

  /** Entries of a user with {@code n} interactions that go to train, valid and test (RecBole). */
  int[] counts(int n) {
    double[] ratios = {train, valid, test};
    int[] cnt = new int[3];
    for (int k = 1; k < 3; k++) {
      cnt[k] = (int) (ratios[k] * n);
    }
    cnt[0] = n - cnt[1] - cnt[2];
    for (int k = 1; k < 3; k++) {
      if (cnt[0] <= 1) {
        break;
      }
      double share = ratios[3 - k] * n;
      if (share > 0 && share < 1) {
        cnt[3 - k]++;
        cnt[0]--;
      }
    }
    return cnt;
  }

  @Override
  public String describe() {
    return "per-user random " + train + "/" + valid + "/" + test;
  }
}
