package dev.longview.store;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of an {@link IngestJournal} record: one acknowledged batch of events.
 *
 * <p>Layout (big-endian): a kind byte ({@code 1}: event batch), the event count (int), then per
 * event: user id, item id, type, a value flag byte (0 none, 1 present) and the value (double),
 * the time as epoch second (long), nanosecond (int) and UTC offset in seconds (int), session id,
 * device, query, page, the context attributes as JSON text, and the client event id. Strings are
 * an int byte length ({@code -1} for null) and UTF-8 bytes. Stateless.
 */
final class JournalRecords {
  static final byte EVENT_BATCH = 1;

  private JournalRecords() {}

  static byte[] encode(List<Event> events) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + events.size() * 160);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(EVENT_BATCH);
      out.writeInt(events.size());
      for (Event e : events) {
        string(out, e.userId());
        string(out, e.itemId());
        string(out, e.type());
        out.writeByte(e.value() == null ? 0 : 1);
        out.writeDouble(e.value() == null ? 0 : e.value());
        Instant t = e.time().toInstant();
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
        out.writeInt(e.time().getOffset().getTotalSeconds());
        EventContext c = e.context();
        string(out, c.sessionId());
        string(out, c.device());
        string(out, c.query());
        string(out, c.page());
        string(out, Json.write(c.attributes()));
        string(out, e.eventId());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * The events of a payload.
   *
   * @throws StoreException when the payload is not an event batch of this layout (its checksum
   *     matched, so it was written by another version)
   */
  static List<Event> decode(byte[] payload) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      byte kind = in.readByte();
      if (kind != EVENT_BATCH) {
        throw new StoreException("ingest journal record of unknown kind " + kind);
      }
      int n = in.readInt();
      List<Event> out = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        String user = string(in);
        String item = string(in);
        String type = string(in);
        boolean hasValue = in.readByte() != 0;
        double v = in.readDouble();
        long second = in.readLong();
        int nano = in.readInt();
        int offset = in.readInt();
        String session = string(in);
        String device = string(in);
        String query = string(in);
        String page = string(in);
        String attrs = string(in);
        String id = string(in);
        EventContext ctx = session == null && device == null && query == null && page == null
            && attrs == null ? EventContext.EMPTY
            : new EventContext(session, device, query, page, Json.readMap(attrs));
        out.add(new Event(user, item, type, hasValue ? v : null,
            OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nano), ZoneOffset.ofTotalSeconds(offset)),
            ctx, id));
      }
      return out;
    } catch (IOException e) {
      throw new StoreException("ingest journal record is cut short: " + e.getMessage(), e);
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String string(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
