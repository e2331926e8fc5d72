package dev.longview.core;

/**
 * Validation of external identifiers (user, item and event ids as clients send them).
 *
 * <p>An id is 1 to {@value #MAX_LENGTH} characters with no control characters and no leading or
 * trailing white space. Ids are compared exactly (case-sensitive).
 */
public final class Ids {
  /** Longest accepted external id, in characters. */
  public static final int MAX_LENGTH = 256;

  private Ids() {}

  /** Returns {@code null} when {@code id} is acceptable, else a message saying what is wrong. */
  public static String problem(String id) {
    if (id == null || id.isEmpty()) {
      return "is empty";
    }
    if (id.length() > MAX_LENGTH) {
      return "is " + id.length() + " characters long (at most " + MAX_LENGTH + " allowed)";
    }
    if (Character.isWhitespace(id.charAt(0)) || Character.isWhitespace(id.charAt(id.length() - 1))) {
      return "has leading or trailing white space";
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        return "contains a control character at position " + i;
      }
    }
    return null;
  }

  /** Checks an id, throwing {@link IllegalArgumentException} naming {@code what} if it is bad. */
  public static String require(String id, String what) {
    String problem = problem(id);
    if (problem != null) {
      throw new IllegalArgumentException(what + " \"" + (id == null ? "" : id) + "\" " + problem);
    }
    return id;
  }
}
