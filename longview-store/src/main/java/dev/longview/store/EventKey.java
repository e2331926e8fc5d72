package dev.longview.store;

import dev.longview.core.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deduplication key of an event: 128 bits of MD5 over a canonical encoding of either the
 * client's event id (when given) or the natural key (user, item, type, instant in milliseconds,
 * value, session id). Two events with the same key are the same event; a second one is skipped.
 *
 * <p>MD5 is used as a well-distributed 128-bit hash, not for security: the chance that two of a
 * billion distinct events collide is about 10^-21. Not thread-safe (one per writer).
 */
final class EventKey {
  private final MessageDigest md5;
  private final StringBuilder text = new StringBuilder(128);
  long hi;
  long lo;

  EventKey() {
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no MD5, which every Java platform must have", e);
    }
  }

  /** Computes the key of {@code e} into {@link #hi} and {@link #lo}. */
  void compute(Event e) {
    text.setLength(0);
    if (e.eventId() != null) {
      text.append("id\u0000").append(e.eventId());
    } else {
      text.append("nk\u0000").append(e.userId())
          .append('\u0000').append(e.itemId() == null ? "\u0001" : e.itemId())
          .append('\u0000').append(e.type())
          .append('\u0000').append(e.time().toInstant().toEpochMilli())
          .append('\u0000').append(e.value() == null ? "\u0001" : Double.toString(e.value()))
          .append('\u0000').append(e.context().sessionId() == null ? "\u0001" : e.context().sessionId());
    }
    byte[] d = md5.digest(text.toString().getBytes(StandardCharsets.UTF_8));
    hi = toLong(d, 0);
    lo = toLong(d, 8);
  }

  private static long toLong(byte[] b, int off) {
    long v = 0;
    for (int k = 0; k < 8; k++) {
      v = (v << 8) | (b[off + k] & 0xFF);
    }
    return v;
  }
}
