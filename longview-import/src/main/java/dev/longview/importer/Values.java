package dev.longview.importer;

/** Number parsing for the hot loops: plain decimals without a regex or a boxing detour. */
final class Values {
  private static final double[] POWERS_OF_TEN = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
      1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

  private Values() {}

  /**
   * {@code s} as a double, or NaN when it is not a number. Short plain decimals ({@code 4},
   * {@code -6}, {@code 2.55}) take an exact fast path (integer divided by a power of ten is
   * correctly rounded); anything else goes to {@link Double#parseDouble}.
   */
  static double parseDouble(String s) {
    int n = s.length();
    if (n == 0) {
      return Double.NaN;
    }
    if (n <= 15) {
      int i = s.charAt(0) == '-' ? 1 : 0;
      long mantissa = 0;
      int decimals = -1;
      boolean digits = false;
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
          mantissa = mantissa * 10 + (c - '0');
          digits = true;
          if (decimals >= 0) {
            decimals++;
          }
        } else if (c == '.' && decimals < 0) {
          decimals = 0;
        } else {
          mantissa = -1;
          break;
        }
      }
      if (mantissa >= 0 && digits) {
        double v = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
        return s.charAt(0) == '-' ? -v : v;
      }
    }
    String t = s.trim();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      // Double.parseDouble would also take "NaN", "Infinity", hex and a trailing 'd': not wanted.
      if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return Double.NaN;
      }
    }
    try {
      return t.isEmpty() ? Double.NaN : Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** {@code s} as a long, or {@code fallback} when it is not a plain integer. */
  static long parseLong(String s, long fallback) {
    int n = s.length();
    if (n == 0 || n > 18) {
      return fallback;
    }
    int i = s.charAt(0) == '-' ? 1 : 0;
    if (i == n) {
      return fallback;
    }
    long v = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return fallback;
      }
      v = v * 10 + (c - '0');
    }
    return s.charAt(0) == '-' ? -v : v;
  }
}
