package dev.longview.store;

import dev.longview.core.Event;
import dev.longview.core.EventType;
import dev.longview.core.EventTypes;
import dev.longview.core.Item;
import dev.longview.core.User;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * An SQLite {@link EventStore} whose {@link #ingest} acknowledges a batch once it is in a durable
 * {@link IngestJournal}, and a background applier that moves journaled events into the database in
 * large transactions.
 *
 * <h2>Why</h2>
 * A batch of 1,000 events from random users dirties about one leaf page of the
 * {@code events (user_ref, time_ms, seq)} index per event, and every commit writes those pages
 * to the WAL: per-request transactions made SQLite's page writes the ingest limit (BENCHMARKS.md,
 * "Ingest, second pass"). Appending the batch to a log is one sequential write; the applier then
 * writes everything pending in one transaction sorted by user, so a leaf page is written once per
 * transaction instead of once per event.
 *
 * <h2>Contract (the same as the direct path)</h2>
 * <ul>
 *   <li><b>Durable before the reply:</b> {@link #ingest} returns after the batch's journal
 *       record is forced to disk (group commit: concurrent batches share one force). A crash
 *       after that loses nothing: {@link #open} replays the journal.
 *   <li><b>Idempotent:</b> an event is a duplicate when its client id (or, without one, its time
 *       and natural key; see {@link EventKey}) is in the table or in the journal's pending part;
 *       duplicates are counted, not journaled. The applier inserts with the table's unique indexes
 *       as well, so replaying a record that was already applied stores nothing twice.
 *   <li><b>Read your writes:</b> every read (events, users, counts, snapshot, activity, the
 *       export) first waits until the applier has reached the journal position current at the
 *       read (a read barrier, usually one apply transaction), so it sees every acknowledged event;
 *       reads of one user ({@link #user}, {@link #eventsOfUser}, {@link #deleteUser}) wait only
 *       for the records that hold that user's events, so they do not queue behind other users'
 *       backlog.
 *   <li><b>Delete:</b> {@link #deleteUser} waits the same way, so journaled events of the user are
 *       in the table and deleted with it.
 *   <li><b>Bounded:</b> when more than {@link #MAX_BACKLOG_EVENTS} events wait for the applier,
 *       {@link #ingest} waits for room: the acknowledged rate cannot run away from the applied one.
 * </ul>
 * Within one apply transaction events are inserted sorted by (user, time); events of different
 * users in the same millisecond may therefore be numbered in another order than they arrived
 * (the table's {@code seq} breaks time ties; one user's events keep their order). Thread-safe.
 */
final class JournaledEventStore implements EventStore {
  private static final System.Logger LOG = System.getLogger(JournaledEventStore.class.getName());
  /** Most events in one apply transaction. */
  static final int MAX_APPLY_EVENTS = 100_000;
  /** Acknowledged but unapplied events beyond which ingest waits for the applier. */
  static final long MAX_BACKLOG_EVENTS = 200_000;
  /** How long a read waits for the applier before it fails. */
  static final long BARRIER_TIMEOUT_MS = 120_000;
  private static final int CHUNK = 500;

  private record NaturalKey(long timeMs, long key) {}

  /** A journaled batch waiting for the applier. */
  private record Batch(long seq, List<Event> events, List<Object> keys, List<String> newUsers,
      List<String> newItems) {}

  private final JdbcEventStore store;
  private final IngestJournal journal;
  private final Path dir;

  /** Orders the duplicate decision, the pending sets and the journal write of concurrent batches. */
  private final ReentrantLock appendLock = new ReentrantLock();
  private final Set<Object> pendingKeys = new HashSet<>();
  private final Set<String> pendingUsers = new HashSet<>();
  private final Set<String> pendingItems = new HashSet<>();
  /**
   * For each user with events in the journal's pending part, the sequence number of the last
   * record that holds some: reads of one user wait for that record only (put under appendLock,
   * removed by the applier once that record is applied).
   */
  private final java.util.concurrent.ConcurrentHashMap<String, Long> pendingSeqOfUser =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** Bumped (under appendLock) after each apply commit; see {@link #ingest}. */
  private volatile long applyGeneration;

  /** Guards the queue and the applied position; signalled when either changes. */
  private final ReentrantLock state = new ReentrantLock();
  private final Condition changed = state.newCondition();
  private final ArrayDeque<Batch> queue = new ArrayDeque<>();
  private long queuedEvents;
  private long appliedSeq;
  private boolean closing;
  private volatile String applyFailure;

  /** The applier's own connection (its SQLite page cache stays warm between transactions). */
  private final java.sql.Connection applierConnection;
  private final AtomicLong appliedEvents = new AtomicLong();
  private final AtomicLong applyTransactions = new AtomicLong();
  private final AtomicLong applyNanos = new AtomicLong();
  private final Thread applier;

  private JournaledEventStore(JdbcEventStore store, Path dir) {
    this.store = store;
    this.dir = dir;
    this.journal = IngestJournal.open(dir);
    try {
      List<byte[]> recovered = journal.recovered();
      if (!recovered.isEmpty()) {
        replay(store, recovered);
      }
      appliedSeq = recovered.size();
      journal.applied(appliedSeq);
      applierConnection = store.connectDedicated();
    } catch (java.sql.SQLException e) {
      journal.close();
      throw new StoreException("cannot open a connection for the ingest journal's applier: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      journal.close();
      throw e;
    }
    applier = Thread.ofPlatform().name("longview-journal-applier").daemon(true).start(this::applyLoop);
  }

  /**
   * Opens {@code location} with an ingest journal when it is an SQLite file (the journal is the
   * folder {@code FILE.ingest} next to it); other locations (PostgreSQL, in-memory SQLite) open
   * as {@link EventStore#open} does: their {@code ingest} writes directly.
   */
  static EventStore open(String location) {
    EventStore plain = JdbcEventStore.open(location);
    // in-memory and PostgreSQL stores write directly
    Path dir = journalDir(Dialect.urlOf(location));
    if (dir == null) {
      return plain;
    }
    try {
      return new JournaledEventStore((JdbcEventStore) plain, dir);
    } catch (RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** The journal folder of an SQLite file URL, null for other URLs. */
  static Path journalDir(String url) {
    if (!url.startsWith("jdbc:sqlite:")) {
      return null;
    }
    String file = url.substring("jdbc:sqlite:".length());
    int q = file.indexOf('?');
    if (q >= 0) {
      file = file.substring(0, q);
    }
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
      return null;
    }
    return Path.of(file + ".ingest");
  }

  /**
   * Opens {@code location} without a journal ({@link EventStore#open}), after applying what a
   * journal left behind (see {@link #applyLeftover}).
   */
  static EventStore openDirect(String location) {
    JdbcEventStore plain = (JdbcEventStore) JdbcEventStore.open(location);
    try {
      applyLeftover(plain, Dialect.urlOf(location));
    } catch (RuntimeException e) {
      plain.close();
      throw e;
    }
    return plain;
  }

  /**
   * Applies what a journal left behind (a server that crashed or was killed) when a store is
   * opened without a journal, then deletes it; leaves it alone when another process holds it.
   */
  static void applyLeftover(JdbcEventStore store, String url) {
    Path dir = journalDir(url);
    try {
      if (dir == null || IngestJournal.segmentFiles(dir).isEmpty()) {
        return;
      }
    } catch (IOException e) {
      throw new StoreException("cannot read the ingest journal " + dir + ": " + e.getMessage(), e);
    }
    IngestJournal j;
    try {
      j = IngestJournal.open(dir);
    } catch (StoreException e) {
      LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; reads here miss the events it"
          + " has not applied yet");
      return;
    }
    try {
      replay(store, j.recovered());
    } finally {
      j.close();
    }
    try {
      IngestJournal.deleteAll(dir);
    } catch (IOException e) {
      throw new StoreException("cannot delete the applied ingest journal " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void replay(JdbcEventStore store, List<byte[]> records) {
    List<Event> chunk = new ArrayList<>();
    long events = 0;
    long stored = 0;
    for (byte[] r : records) {
      chunk.addAll(JournalRecords.decode(r));
      if (chunk.size() >= MAX_APPLY_EVENTS) {
        stored += applySorted(store, chunk).eventsStored();
        events += chunk.size();
        chunk.clear();
      }
    }
    if (!chunk.isEmpty()) {
      stored += applySorted(store, chunk).eventsStored();
      events += chunk.size();
    }
    LOG.log(System.Logger.Level.INFO, "ingest journal: replayed " + records.size() + " batches, "
        + events + " events (" + stored + " were not in the database yet)");
  }

  /**
   * One transaction with {@code events} sorted by (user's row id, time): users not in the id cache
   * yet (new ones) go last, ordered by id; one user's events at the same millisecond keep their
   * order (a stable sort). The sort keys are computed once per event, not per comparison.
   */
  private static WriteSummary applySorted(JdbcEventStore store, List<Event> events) {
    return applySorted(store, events, store::writer);
  }

  private static WriteSummary applySorted(JdbcEventStore store, List<Event> events,
      java.util.function.Supplier<StoreWriter> writers) {
    IdCache ids = store.ids();
    int n = events.size();
    long[] ref = new long[n];
    long[] time = new long[n];
    java.util.TreeMap<String, Long> unknown = new java.util.TreeMap<>();
    long maxRef = 0;
    for (int k = 0; k < n; k++) {
      Event e = events.get(k);
      IdCache.UserIds u = ids.user(e.userId());
      if (u == null) {
        unknown.put(e.userId(), 0L);
        ref[k] = -1;
      } else {
        ref[k] = u.id();
        maxRef = Math.max(maxRef, u.id());
      }
      time[k] = e.time().toInstant().toEpochMilli();
    }
    if (!unknown.isEmpty()) {
      long rank = maxRef + 1;
      for (Map.Entry<String, Long> e : unknown.entrySet()) {
        e.setValue(rank++);
      }
      for (int k = 0; k < n; k++) {
        if (ref[k] < 0) {
          ref[k] = unknown.get(events.get(k).userId());
        }
      }
    }
    int[] order = sortedOrder(ref, time);
    try (StoreWriter w = writers.get()) {
      for (int k : order) {
        w.addEvent(events.get(k));
      }
      return w.commit();
    }
  }

  /**
   * Positions 0..n-1 ordered by (ref, time), stable: one primitive sort of {@code ref << 21 | k}
   * (refs below 2^42, at most 2^21 events), then each run of one ref by time (insertion sort:
   * a user has a few events per transaction).
   */
  static int[] sortedOrder(long[] ref, long[] time) {
    int n = ref.length;
    int[] order = new int[n];
    if (n > (1 << 21)) {
      Integer[] boxed = new Integer[n];
      for (int k = 0; k < n; k++) {
        boxed[k] = k;
      }
      Arrays.sort(boxed, (a, b) -> ref[a] != ref[b] ? Long.compare(ref[a], ref[b]) : Long.compare(time[a], time[b]));
      for (int k = 0; k < n; k++) {
        order[k] = boxed[k];
      }
      return order;
    }
    long[] packed = new long[n];
    for (int k = 0; k < n; k++) {
      packed[k] = (ref[k] << 21) | k;
    }
    Arrays.sort(packed);
    for (int k = 0; k < n; k++) {
      order[k] = (int) (packed[k] & ((1 << 21) - 1));
    }
    for (int start = 0; start < n; ) {
      int end = start + 1;
      while (end < n && ref[order[end]] == ref[order[start]]) {
        end++;
      }
      for (int i = start + 1; i < end; i++) {
        int x = order[i];
        int j = i - 1;
        while (j >= start && time[order[j]] > time[x]) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = x;
      }
      start = end;
    }
    return order;
  }

  // Ingest ------------------------------------------------------------------------------------

  @Override
  public boolean journaled() {
    return true;
  }

  @Override
  public WriteSummary ingest(List<Event> events) {
    int n = events.size();
    if (n == 0) {
      return new WriteSummary(0, 0, 0, 0, 0);
    }
    EventTypes types = store.eventTypes();
    long[] keys = new long[n];
    EventKey key = new EventKey();
    for (int k = 0; k < n; k++) {
      Event e = events.get(k);
      String problem = types.problem(e);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      keys[k] = e.eventId() != null ? 0 : key.compute(e, Json.write(e.context().attributes()));
    }
    awaitRoom();
    long generation = applyGeneration;
    Known known = lookUp(events, keys);
    Batch batch;
    IngestJournal.Written written;
    long duplicates = 0;
    appendLock.lock();
    try {
      if (applyGeneration != generation) {
        known = lookUp(events, keys); // the applier committed meanwhile: what left the pending sets is in the table now
      }
      List<Event> fresh = new ArrayList<>(n);
      List<Object> freshKeys = new ArrayList<>(n);
      List<String> newUsers = new ArrayList<>();
      List<String> newItems = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        Event e = events.get(k);
        Object dk = e.eventId() != null ? e.eventId()
            : new NaturalKey(e.time().toInstant().toEpochMilli(), keys[k]);
        if (known.inTable[k] || !pendingKeys.add(dk)) {
          duplicates++;
          continue;
        }
        fresh.add(e);
        freshKeys.add(dk);
        String u = e.userId();
        if (!known.users.contains(u) && store.ids().user(u) == null && pendingUsers.add(u)) {
          newUsers.add(u);
        }
        String i = e.itemId();
        if (i != null && !known.items.contains(i) && store.ids().item(i) == null && pendingItems.add(i)) {
          newItems.add(i);
        }
      }
      if (fresh.isEmpty()) {
        return new WriteSummary(n, 0, duplicates, 0, 0);
      }
      try {
        written = journal.write(JournalRecords.encode(fresh));
      } catch (RuntimeException e) {
        freshKeys.forEach(pendingKeys::remove);
        newUsers.forEach(pendingUsers::remove);
        newItems.forEach(pendingItems::remove);
        throw e;
      }
      batch = new Batch(written.seq(), fresh, freshKeys, newUsers, newItems);
      for (Event e : fresh) {
        pendingSeqOfUser.put(e.userId(), written.seq());
      }
      state.lock();
      try {
        queue.addLast(batch);
        queuedEvents += fresh.size();
        changed.signalAll();
      } finally {
        state.unlock();
      }
    } finally {
      appendLock.unlock();
    }
    journal.awaitForced(written.end());
    return new WriteSummary(n, batch.events().size(), duplicates, batch.newUsers().size(),
        batch.newItems().size());
  }

  private void awaitRoom() {
    state.lock();
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BARRIER_TIMEOUT_MS);
      while (queuedEvents > MAX_BACKLOG_EVENTS && !closing) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw behind("accept more events");
        }
        changed.awaitNanos(left);
      }
      checkOpen();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for the ingest journal's applier", e);
    } finally {
      state.unlock();
    }
  }

  /** Which events of a batch are in the table, and which of its users and items exist. */
  private record Known(boolean[] inTable, Set<String> users, Set<String> items) {}

  private Known lookUp(List<Event> events, long[] keys) {
    int n = events.size();
    boolean[] inTable = new boolean[n];
    Set<String> users = new HashSet<>();
    Set<String> items = new HashSet<>();
    try (Connection c = store.connect()) {
      c.setAutoCommit(false); // one consistent read
      Map<String, List<Integer>> byId = new HashMap<>();
      List<Integer> natural = new ArrayList<>();
      Set<String> unknownUsers = new HashSet<>();
      Set<String> unknownItems = new HashSet<>();
      for (int k = 0; k < n; k++) {
        Event e = events.get(k);
        if (e.eventId() != null) {
          byId.computeIfAbsent(e.eventId(), x -> new ArrayList<>(1)).add(k);
        } else {
          natural.add(k);
        }
        if (store.ids().user(e.userId()) == null) {
          unknownUsers.add(e.userId());
        }
        if (e.itemId() != null && store.ids().item(e.itemId()) == null) {
          unknownItems.add(e.itemId());
        }
      }
      for (String id : existing(c, "SELECT event_id FROM events WHERE event_id IN (", byId.keySet())) {
        for (int k : byId.get(id)) {
          inTable[k] = true;
        }
      }
      if (!natural.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT 1 FROM events WHERE time_ms = ? AND event_key = ?")) {
          for (int k : natural) {
            ps.setLong(1, events.get(k).time().toInstant().toEpochMilli());
            ps.setLong(2, keys[k]);
            try (ResultSet rs = ps.executeQuery()) {
              inTable[k] = rs.next();
            }
          }
        }
      }
      users.addAll(existing(c, "SELECT ext_id FROM users WHERE ext_id IN (", unknownUsers));
      items.addAll(existing(c, "SELECT ext_id FROM items WHERE ext_id IN (", unknownItems));
      c.rollback();
    } catch (SQLException e) {
      throw new StoreException("cannot check the events for duplicates: " + e.getMessage(), e);
    }
    return new Known(inTable, users, items);
  }

  /** The values of {@code wanted} that {@code selectIn} (ending in "IN (") finds, 500 at a time. */
  private static List<String> existing(Connection c, String selectIn, Set<String> wanted) throws SQLException {
    List<String> out = new ArrayList<>();
    List<String> all = new ArrayList<>(wanted);
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      StringBuilder sql = new StringBuilder(selectIn);
      for (int r = 0; r < chunk.size(); r++) {
        sql.append(r == 0 ? "?" : ", ?");
      }
      try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
        for (int r = 0; r < chunk.size(); r++) {
          ps.setString(r + 1, chunk.get(r));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
    }
    return out;
  }

  // Applier -----------------------------------------------------------------------------------

  private void applyLoop() {
    long backoffMs = 100;
    while (true) {
      List<Batch> work = new ArrayList<>();
      state.lock();
      try {
        while (queue.isEmpty() && !closing) {
          changed.awaitUninterruptibly();
        }
        if (queue.isEmpty()) {
          return; // closing, everything applied
        }
        int events = 0;
        for (Batch b : queue) {
          if (!work.isEmpty() && events + b.events().size() > MAX_APPLY_EVENTS) {
            break;
          }
          work.add(b);
          events += b.events().size();
        }
      } finally {
        state.unlock();
      }
      List<Event> events = new ArrayList<>();
      for (Batch b : work) {
        events.addAll(b.events());
      }
      long t0 = System.nanoTime();
      try {
        applySorted(store, events, () -> store.writerOn(applierConnection));
        applyFailure = null;
        backoffMs = 100;
      } catch (RuntimeException e) {
        applyFailure = e.getMessage();
        LOG.log(System.Logger.Level.ERROR, "ingest journal: applying " + events.size()
            + " journaled events failed (they stay in the journal; retrying in " + backoffMs
            + " ms): " + e.getMessage(), e);
        state.lock();
        try {
          if (closing) {
            return; // replayed at the next open
          }
          changed.await(backoffMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
          return;
        } finally {
          state.unlock();
        }
        backoffMs = Math.min(30_000, backoffMs * 2);
        continue;
      }
      applyNanos.addAndGet(System.nanoTime() - t0);
      applyTransactions.incrementAndGet();
      appliedEvents.addAndGet(events.size());
      long seq = work.get(work.size() - 1).seq();
      appendLock.lock();
      try {
        applyGeneration++;
        for (Batch b : work) {
          Long seqOfBatch = b.seq();
          for (Event e : b.events()) {
            pendingSeqOfUser.remove(e.userId(), seqOfBatch); // unless a later record has the user too
          }
          b.keys().forEach(pendingKeys::remove);
          b.newUsers().forEach(pendingUsers::remove);
          b.newItems().forEach(pendingItems::remove);
        }
      } finally {
        appendLock.unlock();
      }
      state.lock();
      try {
        for (int k = 0; k < work.size(); k++) {
          queue.removeFirst();
        }
        queuedEvents -= events.size();
        appliedSeq = seq;
        changed.signalAll();
      } finally {
        state.unlock();
      }
      try {
        journal.applied(seq);
      } catch (StoreException e) {
        LOG.log(System.Logger.Level.WARNING, "ingest journal: " + e.getMessage()
            + " (the segment is replayed harmlessly at the next start)");
      }
    }
  }

  /** Waits until every batch journaled before this call is in the table. */
  void awaitApplied() {
    awaitApplied(journal.lastSeq());
  }

  /**
   * Waits until every batch journaled before this call that holds events of {@code userId} is in
   * the table (no wait when none is pending): reads of one user do not wait for other users'.
   */
  private void awaitAppliedFor(String userId) {
    Long target = pendingSeqOfUser.get(userId);
    if (target != null) {
      awaitApplied(target);
    }
  }

  private void awaitApplied(long target) {
    state.lock();
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BARRIER_TIMEOUT_MS);
      while (appliedSeq < target) {
        checkOpen();
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw behind("read");
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for the ingest journal's applier", e);
    } finally {
      state.unlock();
    }
  }

  private StoreException behind(String what) {
    return new StoreException("cannot " + what + ": the ingest journal's applier is "
        + queuedEvents + " events behind after " + BARRIER_TIMEOUT_MS / 1000 + " s"
        + (applyFailure == null ? "" : "; its last failure: " + applyFailure));
  }

  private void checkOpen() {
    if (closing) {
      throw new IllegalStateException("the store is closed");
    }
  }

  /** Events acknowledged but not yet in the table. */
  long ingestBacklog() {
    state.lock();
    try {
      return queuedEvents;
    } finally {
      state.unlock();
    }
  }

  @Override
  public Map<String, Double> ingestStats() {
    Map<String, Double> m = new java.util.LinkedHashMap<>();
    m.put("backlog_events", (double) ingestBacklog());
    m.put("applied_events_total", (double) appliedEvents.get());
    m.put("apply_transactions_total", (double) applyTransactions.get());
    m.put("apply_seconds_total", applyNanos.get() / 1e9);
    return m;
  }

  // Everything else: the database, after the read barrier -------------------------------------

  /** The database answers (no read barrier), and the applier is not failing. */
  @Override
  public void ping() {
    store.ping();
    String failure = applyFailure;
    if (failure != null) {
      throw new StoreException("the ingest journal's applier is failing (" + ingestBacklog()
          + " events wait): " + failure);
    }
  }

  @Override
  public String dialect() {
    return store.dialect();
  }

  @Override
  public EventTypes eventTypes() {
    return store.eventTypes();
  }

  @Override
  public void putEventType(EventType type) {
    store.putEventType(type);
  }

  /** A direct transaction, started once every journaled event is applied (so it sees them). */
  @Override
  public StoreWriter writer() {
    awaitApplied();
    return store.writer();
  }

  @Override
  public Optional<User> user(String userId) {
    awaitAppliedFor(userId);
    return store.user(userId);
  }

  @Override
  public Optional<Item> item(String itemId) {
    awaitApplied();
    return store.item(itemId);
  }

  @Override
  public Stream<Event> events(Instant from, Instant to) {
    awaitApplied();
    return store.events(from, to);
  }

  @Override
  public Stream<Event> eventsOfUser(String userId) {
    awaitAppliedFor(userId);
    return store.eventsOfUser(userId);
  }

  @Override
  public Stream<User> users() {
    awaitApplied();
    return store.users();
  }

  @Override
  public Stream<Item> items() {
    awaitApplied();
    return store.items();
  }

  @Override
  public StoreCounts counts() {
    awaitApplied();
    return store.counts();
  }

  @Override
  public long deleteUser(String userId) {
    awaitAppliedFor(userId);
    return store.deleteUser(userId);
  }

  @Override
  public InteractionSnapshot snapshot() {
    awaitApplied();
    return store.snapshot();
  }

  @Override
  public void activity(ActivitySink sink) {
    awaitApplied();
    store.activity(sink);
  }

  /**
   * Applies what is pending, stops the applier and closes the journal (deleting it when
   * everything is applied) and the database.
   */
  @Override
  public void close() {
    state.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      changed.signalAll();
    } finally {
      state.unlock();
    }
    try {
      applier.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean drained;
    state.lock();
    try {
      drained = queue.isEmpty();
    } finally {
      state.unlock();
    }
    journal.close();
    try {
      applierConnection.close();
    } catch (java.sql.SQLException ignored) {
      // closing the store anyway
    }
    if (drained) {
      try {
        IngestJournal.deleteAll(dir);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot delete the applied ingest journal " + dir
            + " (it is replayed harmlessly at the next open): " + e.getMessage());
      }
    }
    store.close();
  }
}
