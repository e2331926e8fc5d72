package dev.longview.importer;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.core.EventTypes;
import dev.longview.core.Ids;
import dev.longview.core.Item;
import dev.longview.core.User;
import dev.longview.store.StoreWriter;
import dev.longview.store.WriteSummary;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of one import: validates what readers produce, hands it to the writer, counts it
 * and deals with rejected rows (count, keep examples, write the rejects file, or throw in strict
 * mode). Not thread-safe; one per import.
 */
final class ImportContext implements Closeable {
  private static final String ID_EXPECTED =
      "1 to " + Ids.MAX_LENGTH + " characters without control characters or surrounding spaces";

  private final ImportRequest request;
  private final StoreWriter writer;
  private final EventTypes eventTypes;
  private final Path mainFile;
  private final String mainFileName;
  private final ProgressListener progress;

  private long read;
  private long rejected;
  private final Map<String, Long> rejectedByReason = new HashMap<>();
  private final List<RejectedRow> examples = new ArrayList<>();
  private final Set<String> eventUsers = new HashSet<>();
  private final Set<String> eventItems = new HashSet<>();
  private final Set<String> otherUsers = new HashSet<>();
  private final Set<String> otherItems = new HashSet<>();
  private BufferedWriter rejects;

  ImportContext(ImportRequest request, StoreWriter writer, Path mainFile, ProgressListener progress) {
    this.request = request;
    this.writer = writer;
    this.eventTypes = request.eventTypes();
    this.mainFile = mainFile;
    this.mainFileName = mainFile.getFileName().toString();
    this.progress = progress;
  }

  ImportRequest request() {
    return request;
  }

  ProgressListener progress() {
    return progress;
  }

  /** Counts one data row of the main file (not a header, not a blank line). */
  void rowRead() {
    read++;
  }

  /**
   * Validates an event and adds it to the writer, or rejects the row. Empty item ids count as
   * none. Returns whether the event was accepted.
   */
  boolean event(String file, long line, String raw, String userId, String itemId, String type,
      Double value, OffsetDateTime time, EventContext context, String eventId) {
    String problem = Ids.problem(userId);
    if (problem != null) {
      return userId == null || userId.isEmpty()
          ? reject(file, line, raw, "missing_user_id", "user id is missing", "", "a user id")
          : reject(file, line, raw, "bad_user_id", "user id " + problem, userId, ID_EXPECTED);
    }
    if (itemId != null && itemId.isEmpty()) {
      itemId = null;
    }
    if (itemId != null && (problem = Ids.problem(itemId)) != null) {
      return reject(file, line, raw, "bad_item_id", "item id " + problem, itemId, ID_EXPECTED);
    }
    if (type == null || type.isEmpty()) {
      return reject(file, line, raw, "missing_event_type", "event type is missing", "",
          "one of " + eventTypes.names() + " (or give a default type)");
    }
    var eventType = eventTypes.get(type);
    if (eventType.isEmpty()) {
      return reject(file, line, raw, "unknown_event_type", "event type is unknown", type,
          "one of " + eventTypes.names() + " (declare new ones with `longview event-types set`)");
    }
    if (eventType.get().itemRequired() && itemId == null) {
      return reject(file, line, raw, "missing_item_id", "event type \"" + type
          + "\" needs an item id but the item id is missing", "", "an item id");
    }
    if (value != null && (value.isNaN() || value.isInfinite())) {
      return reject(file, line, raw, "bad_value", "value is not a finite number",
          value.toString(), "a finite number");
    }
    if (eventId != null && eventId.isEmpty()) {
      eventId = null;
    }
    if (eventId != null && (problem = Ids.problem(eventId)) != null) {
      return reject(file, line, raw, "bad_event_id", "event id " + problem, eventId, ID_EXPECTED);
    }
    Event event = new Event(userId, itemId, type, value, time, context, eventId);
    try {
      writer.addEvent(event);
    } catch (IllegalArgumentException e) {
      return reject(file, line, raw, "rejected_by_store", "the store refused the event ("
          + e.getMessage() + ")", userId + "/" + itemId + "/" + type, "an event the store accepts");
    }
    eventUsers.add(userId);
    if (itemId != null) {
      eventItems.add(itemId);
    }
    return true;
  }

  void putUser(User user) {
    writer.putUser(user);
    otherUsers.add(user.id());
  }

  void putItem(Item item) {
    writer.putItem(item);
    otherItems.add(item.id());
  }

  /** Rejects a row; see {@link #reject(String, long, String, String, String, String, String)}. */
  boolean reject(String file, long line, String raw, RowProblem problem) {
    return rejectWithMessage(file, line, raw, problem.reason, problem.getMessage());
  }

  /**
   * Rejects a row: counts it, or throws {@link BadRowException} in strict mode. Always returns
   * false, so that callers can {@code return reject(...)}.
   */
  boolean reject(String file, long line, String raw, String reason, String what, String value,
      String expected) {
    return rejectWithMessage(file, line, raw, reason,
        what + ", got \"" + value + "\", expected " + expected);
  }

  private boolean rejectWithMessage(String file, long line, String raw, String reason, String message) {
    String where = file.equals(mainFileName) ? "line " + line : file + " line " + line;
    RejectedRow row = new RejectedRow(file, line, reason, where + ": " + message);
    if (request.strict()) {
      throw new BadRowException(row);
    }
    rejected++;
    long n = rejectedByReason.merge(reason, 1L, Long::sum);
    if (n <= Importer.EXAMPLES_PER_REASON) {
      examples.add(row);
    }
    writeReject(row, raw);
    return false;
  }

  private void writeReject(RejectedRow row, String raw) {
    if (request.rejectsFile() == null) {
      return;
    }
    try {
      if (rejects == null) {
        Path parent = request.rejectsFile().toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        rejects = Files.newBufferedWriter(request.rejectsFile(), StandardCharsets.UTF_8);
        rejects.write("file,line,reason,message,original\n");
      }
      rejects.write(csv(row.file()) + "," + row.line() + "," + csv(row.reason()) + ","
          + csv(row.message()) + "," + csv(raw == null ? "" : raw) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the rejects file " + request.rejectsFile()
          + "; check that its folder is writable or pass another path", e);
    }
  }

  static String csv(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Commits the writer and builds the report. Call once, after a successful read. */
  ImportReport finish(long startNanos, String format) throws IOException {
    closeRejects();
    WriteSummary summary = writer.commit();
    Set<String> users = new HashSet<>(eventUsers);
    users.addAll(otherUsers);
    Set<String> items = new HashSet<>(eventItems);
    items.addAll(otherItems);
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Path rejectsWritten = rejected > 0 ? request.rejectsFile() : null;
    return new ImportReport(format, mainFile, read, summary.eventsStored(), summary.duplicates(),
        rejected, new TreeMap<>(rejectedByReason), examples, users.size(), items.size(),
        eventUsers.size(), eventItems.size(), seconds, rejectsWritten);
  }

  private void closeRejects() throws IOException {
    if (rejects != null) {
      BufferedWriter w = rejects;
      rejects = null;
      w.close();
    }
  }

  @Override
  public void close() throws IOException {
    closeRejects();
  }
}
