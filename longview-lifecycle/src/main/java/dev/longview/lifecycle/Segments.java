package dev.longview.lifecycle;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Splits users by a user attribute, so that any metric can be computed per segment: every
 * metric takes an {@link IntPredicate} over dense user indices.
 */
public final class Segments {
  /** The segment name of users without the attribute. */
  public static final String MISSING = "(none)";

  private Segments() {}

  /**
   * One predicate per value of attribute {@code key} (as text), sorted by value; users without
   * it fall in {@link #MISSING}.
   */
  public static Map<String, IntPredicate> byAttribute(ActivityLog log, String key) {
    String[] valueOf = new String[log.users()];
    Map<String, IntPredicate> out = new TreeMap<>();
    for (int u = 0; u < log.users(); u++) {
      Object v = log.attributes(u).get(key);
      String s = v == null ? MISSING : v.toString();
      valueOf[u] = s;
      out.computeIfAbsent(s, name -> user -> name.equals(valueOf[user]));
    }
    return out;
  }
}
