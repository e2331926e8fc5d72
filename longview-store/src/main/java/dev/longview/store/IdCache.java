package dev.longview.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * External id to internal row id of users and items that are known to be committed, so that a
 * stream of small write transactions (the server's event batches) does not look every id up in
 * the database again. Filled only after a commit, so a rolled-back insert never leaves a stale
 * entry; a deleted user is removed. Bounded: past {@link #MAX_ENTRIES} a map is cleared and
 * refills from the database. Per process: a user deleted by another process sharing a PostgreSQL
 * database stays here until this process restarts or the map is cleared. Thread-safe.
 */
final class IdCache {
  /** Largest number of ids kept per kind (about 100 bytes each). */
  static final int MAX_ENTRIES = 2_000_000;

  /**
   * A committed user: its row id and a time its {@code first_seen} is known to be at or before
   * ({@link Long#MAX_VALUE} when unknown). first_seen only ever moves earlier, so the bound stays
   * true; a write whose events are all at or after it need not update first_seen.
   */
  record UserIds(long id, long firstSeenAtMost) {}

  private final ConcurrentHashMap<String, UserIds> users = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> items = new ConcurrentHashMap<>();

  UserIds user(String extId) {
    return users.get(extId);
  }

  Long item(String extId) {
    return items.get(extId);
  }

  void putUser(String extId, long id, long firstSeenAtMost) {
    if (users.size() >= MAX_ENTRIES) {
      users.clear();
    }
    UserIds known = users.get(extId);
    if (known == null || known.id() != id || known.firstSeenAtMost() != firstSeenAtMost) {
      users.put(extId, new UserIds(id, firstSeenAtMost));
    }
  }

  void putItems(Map<String, Long> committed) {
    for (Map.Entry<String, Long> e : committed.entrySet()) {
      // Most items of a batch are known already: a read instead of a write each.
      Long known = items.get(e.getKey());
      if (known == null || known.longValue() != e.getValue()) {
        put(items, e.getKey(), e.getValue());
      }
    }
  }

  void removeUser(String extId) {
    users.remove(extId);
  }

  private static void put(ConcurrentHashMap<String, Long> map, String extId, long id) {
    if (map.size() >= MAX_ENTRIES) {
      map.clear();
    }
    map.put(extId, id);
  }
}
