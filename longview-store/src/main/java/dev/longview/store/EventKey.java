package dev.longview.store;

import dev.longview.core.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deduplication key of an event, which the store pairs with its time in milliseconds: 64 bits
 * of MD5 over a canonical encoding of either the client's event id (when given) or every other
 * field (user, item, type, value, session id, device, query, page and the attributes' JSON). Two
 * events without client ids are the same event when their times and keys are equal, that is when
 * nothing tells them apart; events with client ids are the same when their ids are (a separate
 * unique index). A second copy is skipped.
 *
 * <p>MD5 is used as a well-distributed hash, not for security: two distinct events would have to
 * fall in the same millisecond and then collide with probability 2^-64.
 * Not thread-safe (one per writer).
 */
final class EventKey {
  private final MessageDigest md5;
  private final StringBuilder text = new StringBuilder(128);

  EventKey() {
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no MD5, which every Java platform must have", e);
    }
  }

  /** The key of {@code e}, whose context attributes are {@code attributesJson} (null for none). */
  long compute(Event e, String attributesJson) {
    text.setLength(0);
    if (e.eventId() != null) {
      text.append("id\u0000").append(e.eventId());
    } else {
      text.append("nk\u0000").append(e.userId())
          .append('\u0000').append(e.itemId() == null ? "\u0001" : e.itemId())
          .append('\u0000').append(e.type())
          .append('\u0000').append(e.value() == null ? "\u0001" : Long.toHexString(Double.doubleToLongBits(e.value())))
          .append('\u0000').append(orNone(e.context().sessionId()))
          .append('\u0000').append(orNone(e.context().device()))
          .append('\u0000').append(orNone(e.context().query()))
          .append('\u0000').append(orNone(e.context().page()))
          .append('\u0000').append(orNone(attributesJson));
    }
    byte[] d = md5.digest(text.toString().getBytes(StandardCharsets.UTF_8));
    return toLong(d, 0);
  }

  private static String orNone(String s) {
    return s == null ? "\u0001" : s;
  }

  private static long toLong(byte[] b, int off) {
    long v = 0;
    for (int k = 0; k < 8; k++) {
      v = (v << 8) | (b[off + k] & 0xFF);
    }
    return v;
  }
}
