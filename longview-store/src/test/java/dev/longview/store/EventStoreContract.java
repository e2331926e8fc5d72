package dev.longview.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.core.EventType;
import dev.longview.core.EventType.Polarity;
import dev.longview.core.EventType.ValueMode;
import dev.longview.core.Item;
import dev.longview.core.User;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EventStore} must have, whatever the database. Subclasses supply a
 * fresh, empty store location per test ({@link #newLocation()}).
 */
abstract class EventStoreContract {
  static final OffsetDateTime T0 = OffsetDateTime.of(2024, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC);

  EventStore store;
  String location;

  /** A location (path or JDBC URL) of a new, empty database. */
  abstract String newLocation() throws Exception;

  /** Opens the store under test at {@code location} (again, after a close). */
  EventStore open(String location) {
    return EventStore.open(location);
  }

  @BeforeEach
  void openStore() throws Exception {
    location = newLocation();
    store = open(location);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  static Event ev(String user, String item, String type, Double value, OffsetDateTime time) {
    return new Event(user, item, type, value, time, EventContext.EMPTY, null);
  }

  static List<Event> list(Stream<Event> s) {
    try (s) {
      return s.toList();
    }
  }

  @Test
  void append_storesEventsAndCreatesUsersAndItems() {
    WriteSummary w = store.append(List.of(
        ev("u1", "i1", "view", null, T0),
        ev("u1", "i2", "rating", 4.0, T0.plusMinutes(1)),
        ev("u2", "i1", "purchase", 2.0, T0.plusMinutes(2))));

    assertThat(w).isEqualTo(new WriteSummary(3, 3, 0, 2, 2));
    StoreCounts c = store.counts();
    assertThat(c.users()).isEqualTo(2);
    assertThat(c.items()).isEqualTo(2);
    assertThat(c.events()).isEqualTo(3);
    assertThat(c.firstEvent()).isEqualTo(T0.toInstant());
    assertThat(c.lastEvent()).isEqualTo(T0.plusMinutes(2).toInstant());
    assertThat(c.eventsByType()).containsOnly(
        Map.entry("view", 1L), Map.entry("rating", 1L), Map.entry("purchase", 1L));
  }

  @Test
  void append_twice_storesEachEventOnce() {
    List<Event> events = List.of(
        ev("u1", "i1", "rating", 5.0, T0), ev("u1", "i2", "rating", 3.0, T0.plusSeconds(1)));
    store.append(events);
    WriteSummary again = store.append(events);

    assertThat(again).isEqualTo(new WriteSummary(2, 0, 2, 0, 0));
    assertThat(store.counts().events()).isEqualTo(2);
  }

  @Test
  void naturalKey_distinguishesValueTypeTimeAndContext() {
    Event base = ev("u1", "i1", "purchase", 1.0, T0);
    WriteSummary w = store.append(List.of(base,
        ev("u1", "i1", "purchase", 2.0, T0),
        ev("u1", "i1", "view", null, T0),
        ev("u1", "i1", "purchase", 1.0, T0.plusSeconds(1)),
        new Event("u1", "i1", "purchase", 1.0, T0, new EventContext("inv-2", null, null, null, null), null),
        new Event("u1", "i1", "purchase", 1.0, T0,
            new EventContext(null, null, null, null, Map.of("unitPrice", 2.5)), null),
        new Event("u1", "i1", "purchase", 1.0, T0,
            new EventContext(null, null, null, null, Map.of("unitPrice", 2.5)), null),
        // the same instant written with another offset is the same event
        ev("u1", "i1", "purchase", 1.0, T0.withOffsetSameInstant(ZoneOffset.ofHours(2)))));

    assertThat(w.eventsStored()).isEqualTo(6);
    assertThat(w.duplicates()).isEqualTo(2);
  }

  @Test
  void clientEventId_deduplicatesEvenWhenOtherFieldsDiffer() {
    Event a = new Event("u1", "i1", "click", null, T0, EventContext.EMPTY, "evt-1");
    Event b = new Event("u1", "i2", "view", null, T0.plusHours(1), EventContext.EMPTY, "evt-1");
    Event c = new Event("u1", "i1", "click", null, T0, EventContext.EMPTY, "evt-2");

    WriteSummary w = store.append(List.of(a, b, c));

    // the duplicate's item i2 is still created: referenced items always exist afterwards
    assertThat(w).isEqualTo(new WriteSummary(3, 2, 1, 1, 2));
    assertThat(list(store.eventsOfUser("u1"))).extracting(Event::eventId).containsExactly("evt-1", "evt-2");
  }

  @Test
  void manyEvents_acrossInsertBatches_areAllCounted() {
    List<Event> events = new ArrayList<>();
    for (int k = 0; k < 2_345; k++) {
      events.add(ev("u" + (k % 37), "i" + (k % 101), "view", null, T0.plusSeconds(k)));
    }
    events.add(events.get(1_000)); // one duplicate in a later batch

    WriteSummary w = store.append(events);

    assertThat(w).isEqualTo(new WriteSummary(2_346, 2_345, 1, 37, 101));
    assertThat(store.counts().events()).isEqualTo(2_345);
  }

  @Test
  void writerClosedWithoutCommit_storesNothing() {
    try (StoreWriter w = store.writer()) {
      w.putUser(User.of("ghost"));
      w.putItem(Item.of("phantom"));
      w.addEvent(ev("ghost", "phantom", "view", null, T0));
    }

    StoreCounts c = store.counts();
    assertThat(c.users() + c.items() + c.events()).isZero();
  }

  @Test
  void manySmallTransactions_reuseIds_andARolledBackUserIsCreatedAgain() {
    for (int batch = 0; batch < 20; batch++) {
      List<Event> events = new ArrayList<>();
      for (int k = 0; k < 50; k++) {
        events.add(ev("u" + (k % 7), "i" + (k % 11), "view", null, T0.plusSeconds(batch * 100L + k)));
      }
      store.append(events);
    }
    try (StoreWriter w = store.writer()) {
      w.addEvent(ev("fresh", "new-item", "view", null, T0)); // rolled back: never committed
    }
    WriteSummary w = store.append(List.of(ev("fresh", "new-item", "view", null, T0)));

    assertThat(w.usersCreated()).isEqualTo(1);
    assertThat(w.itemsCreated()).isEqualTo(1);
    StoreCounts c = store.counts();
    assertThat(c.users()).isEqualTo(8);
    assertThat(c.items()).isEqualTo(12);
    assertThat(c.events()).isEqualTo(1_001);
    assertThat(list(store.eventsOfUser("fresh"))).hasSize(1);
  }

  @Test
  void addEvent_rejectsUnknownTypeAndMissingItem_withTheFix() {
    try (StoreWriter w = store.writer()) {
      assertThatThrownBy(() -> w.addEvent(ev("u1", "i1", "teleport", null, T0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unknown event type \"teleport\"")
          .hasMessageContaining("view, click");
      assertThatThrownBy(() -> w.addEvent(ev("u1", null, "purchase", 1.0, T0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("event type \"purchase\" needs an item id");
      w.addEvent(ev("u1", null, "visit", null, T0)); // a visit needs no item
      assertThat(w.commit().eventsStored()).isEqualTo(1);
    }
    assertThat(store.counts().items()).isZero();
  }

  @Test
  void committedWriter_cannotBeUsedAgain() {
    StoreWriter w = store.writer();
    w.commit();
    assertThatThrownBy(() -> w.addEvent(ev("u1", "i1", "view", null, T0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store.writer()");
  }

  @Test
  void upsertUser_replacesAttributesWhenGiven_andKeepsEarliestFirstSeen() {
    Instant early = T0.toInstant().minusSeconds(3600);
    store.upsertUsers(List.of(new User("u1", Map.of("country", "UK", "age", 30), T0.toInstant())));
    store.upsertUsers(List.of(new User("u1", Map.of(), early)));
    assertThat(store.user("u1")).get().satisfies(u -> {
      assertThat(u.attributes()).containsOnly(Map.entry("country", "UK"), Map.entry("age", 30));
      assertThat(u.firstSeen()).isEqualTo(early);
    });

    store.upsertUsers(List.of(new User("u1", Map.of("country", "FR"), T0.toInstant())));
    assertThat(store.user("u1")).get().satisfies(u -> {
      assertThat(u.attributes()).containsOnly(Map.entry("country", "FR"));
      assertThat(u.firstSeen()).isEqualTo(early);
    });
    assertThat(store.user("nobody")).isEmpty();
  }

  @Test
  void firstSeen_comesFromTheEarliestEvent() {
    store.upsertUsers(List.of(User.of("u1")));
    store.append(List.of(ev("u1", "i1", "view", null, T0.plusDays(1)), ev("u1", "i1", "view", null, T0)));
    store.append(List.of(ev("u1", "i2", "view", null, T0.plusDays(5))));

    assertThat(store.user("u1").orElseThrow().firstSeen()).isEqualTo(T0.toInstant());
  }

  @Test
  void firstSeen_movesEarlier_acrossBatches_inAnyOrder() {
    // The writer skips the first_seen update when the id cache knows it is already earlier:
    // later batches must still move it earlier, never later.
    store.append(List.of(ev("u1", "i1", "view", null, T0.plusDays(3))));
    store.append(List.of(ev("u1", "i2", "view", null, T0.plusDays(4))));
    assertThat(store.user("u1").orElseThrow().firstSeen()).isEqualTo(T0.plusDays(3).toInstant());
    store.append(List.of(ev("u1", "i3", "view", null, T0.plusDays(1))));
    assertThat(store.user("u1").orElseThrow().firstSeen()).isEqualTo(T0.plusDays(1).toInstant());
    store.append(List.of(ev("u1", "i4", "view", null, T0.plusDays(2))));
    assertThat(store.user("u1").orElseThrow().firstSeen()).isEqualTo(T0.plusDays(1).toInstant());
  }

  @Test
  void upsertItem_replacesTheRecord_andRoundTripsEveryField() {
    Instant created = T0.toInstant().minusSeconds(86_400);
    Item item = new Item("sku-1", List.of("Home", "Kitchen"), "Red teapot", "A teapot, red.",
        12.5, Map.of("colour", "red", "sizes", List.of("S", "M")), created, false);
    store.upsertItems(List.of(item));
    assertThat(store.item("sku-1")).contains(item);

    Item hidden = new Item("sku-1", List.of("Home"), "Red teapot v2", null, null, Map.of(), null, true);
    store.upsertItems(List.of(hidden));
    assertThat(store.item("sku-1")).contains(hidden);
    assertThat(store.counts().items()).isEqualTo(1);
    assertThat(store.items().map(Item::id).toList()).containsExactly("sku-1");
  }

  @Test
  void event_roundTripsValueOffsetContextAndId() {
    OffsetDateTime paris = OffsetDateTime.of(2024, 3, 1, 11, 30, 15, 123_000_000, ZoneOffset.ofHours(1));
    Event e = new Event("u1", "i1", "purchase", -3.0, paris,
        new EventContext("s-9", "mobile", "red teapot", "/search", Map.of("price", 12.5, "promo", true)),
        "order-7:1");
    store.append(List.of(e, ev("u1", null, "visit", null, T0)));

    List<Event> back = list(store.eventsOfUser("u1"));
    assertThat(back).hasSize(2);
    assertThat(back.get(1)).isEqualTo(e);
    assertThat(back.get(1).time().getOffset()).isEqualTo(ZoneOffset.ofHours(1));
    assertThat(back.get(0).itemId()).isNull();
    assertThat(back.get(0).context()).isEqualTo(EventContext.EMPTY);
  }

  @Test
  void eventsInRange_areHalfOpenAndInTimeOrder_tiesByInsertion() {
    store.append(List.of(
        ev("a", "x", "view", null, T0.plusMinutes(5)),
        ev("b", "y", "view", null, T0),
        ev("c", "z", "view", null, T0.plusMinutes(5)),
        ev("d", "x", "view", null, T0.plusMinutes(10))));

    List<Event> got = list(store.events(T0.toInstant(), T0.plusMinutes(10).toInstant()));

    assertThat(got).extracting(Event::userId).containsExactly("b", "a", "c");
  }

  @Test
  void eventsOfUser_areInTimeOrder_andEmptyForUnknownUser() {
    store.append(List.of(
        ev("u1", "late", "view", null, T0.plusDays(2)),
        ev("u2", "other", "view", null, T0),
        ev("u1", "early", "view", null, T0)));

    assertThat(list(store.eventsOfUser("u1"))).extracting(Event::itemId).containsExactly("early", "late");
    assertThat(list(store.eventsOfUser("nobody"))).isEmpty();
  }

  @Test
  void ingest_storesTheBatch_readsSeeItAtOnce() {
    WriteSummary w = store.ingest(List.of(
        ev("u1", "i1", "view", null, T0), ev("u1", "i2", "rating", 4.0, T0.plusMinutes(1)),
        ev("u2", "i1", "purchase", 2.0, T0.plusMinutes(2))));

    assertThat(w).isEqualTo(new WriteSummary(3, 3, 0, 2, 2));
    // read your writes: every read path, right after the call returns
    assertThat(list(store.eventsOfUser("u1"))).extracting(Event::itemId).containsExactly("i1", "i2");
    assertThat(store.user("u2")).isPresent();
    assertThat(store.counts().events()).isEqualTo(3);
    assertThat(list(store.events(T0.toInstant(), T0.plusHours(1).toInstant()))).hasSize(3);
    assertThat(store.snapshot().size()).isEqualTo(3);
    RecordingSink sink = new RecordingSink();
    store.activity(sink); // analytics and exports read through activity()
    assertThat(sink.events).hasSize(3);
  }

  @Test
  void ingest_isIdempotent_byClientIdAndNaturalKey_acrossBatchesAndWithinOne() {
    Event withId = new Event("u1", "i1", "view", null, T0, EventContext.EMPTY, "c-1");
    Event natural = ev("u1", "i2", "view", null, T0.plusSeconds(1));
    assertThat(store.ingest(List.of(withId, natural, natural)))
        .isEqualTo(new WriteSummary(3, 2, 1, 1, 2));
    // the same client id with other fields is the same event; so is the same natural key
    Event sameId = new Event("u1", "i2", "click", null, T0.plusDays(1), EventContext.EMPTY, "c-1");
    assertThat(store.ingest(List.of(sameId, natural, ev("u1", "i1", "view", null, T0.plusSeconds(2)))))
        .isEqualTo(new WriteSummary(3, 1, 2, 0, 0));
    // and an event stored by a direct write is a duplicate for ingest too, and the other way round
    store.append(List.of(ev("u9", "i9", "view", null, T0)));
    assertThat(store.ingest(List.of(ev("u9", "i9", "view", null, T0))).duplicates()).isEqualTo(1);
    assertThat(store.append(List.of(sameId)).duplicates()).isEqualTo(1);
    assertThat(store.counts().events()).isEqualTo(4);
  }

  @Test
  void ingest_rejectsABatchWithAnUnknownType_andStoresNothingOfIt() {
    assertThatThrownBy(() -> store.ingest(List.of(ev("u1", "i1", "view", null, T0),
        ev("u1", "i1", "teleport", null, T0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teleport");
    assertThat(store.counts().events()).isZero();
    assertThat(store.user("u1")).isEmpty();
  }

  @Test
  void ingest_thenDeleteUser_removesTheIngestedEvents() {
    store.ingest(List.of(ev("u1", "i1", "view", null, T0), ev("u2", "i1", "view", null, T0)));
    store.ingest(List.of(ev("u1", "i2", "view", null, T0.plusSeconds(1))));

    assertThat(store.deleteUser("u1")).isEqualTo(2);
    assertThat(list(store.eventsOfUser("u1"))).isEmpty();
    assertThat(store.counts().events()).isEqualTo(1);
  }

  @Test
  void ingest_fromManyThreads_storesEveryEventOnce() throws Exception {
    int threads = 4;
    int batches = 10;
    List<Thread> ts = new ArrayList<>();
    java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();
    for (int t = 0; t < threads; t++) {
      int tt = t;
      ts.add(Thread.ofVirtual().start(() -> {
        for (int b = 0; b < batches; b++) {
          List<Event> batch = new ArrayList<>();
          for (int k = 0; k < 50; k++) {
            // every thread sends the same events once as its own and once as another's: half are duplicates
            int owner = (b % 2 == 0) ? tt : (tt + 1) % threads;
            batch.add(new Event("u" + k, "i" + (k % 7), "view", null, T0.plusSeconds(b / 2 * 100 + k),
                EventContext.EMPTY, "t" + owner + "-" + (b / 2) + "-" + k));
          }
          stored.addAndGet(store.ingest(batch).eventsStored());
        }
      }));
    }
    for (Thread t : ts) {
      t.join();
    }
    assertThat(stored.get()).isEqualTo(threads * (batches / 2) * 50L);
    assertThat(store.counts().events()).isEqualTo(threads * (batches / 2) * 50L);
  }

  @Test
  void deleteUser_removesTheUserAndAllTheirEvents_only() {
    store.append(List.of(
        ev("u1", "i1", "view", null, T0), ev("u1", "i2", "click", null, T0.plusSeconds(1)),
        ev("u2", "i1", "view", null, T0)));

    assertThat(store.deleteUser("u1")).isEqualTo(2);

    assertThat(store.user("u1")).isEmpty();
    assertThat(list(store.eventsOfUser("u1"))).isEmpty();
    StoreCounts c = store.counts();
    assertThat(c.users()).isEqualTo(1);
    assertThat(c.events()).isEqualTo(1);
    assertThat(c.items()).isEqualTo(2); // items stay in the catalogue
    assertThat(store.deleteUser("u1")).isEqualTo(-1);
  }

  @Test
  void deletedUser_canComeBackAsNew() {
    store.append(List.of(ev("u1", "i1", "view", null, T0)));
    store.deleteUser("u1");
    WriteSummary w = store.append(List.of(ev("u1", "i1", "view", null, T0)));
    assertThat(w.eventsStored()).isEqualTo(1);
    assertThat(w.usersCreated()).isEqualTo(1);
  }

  @Test
  void putEventType_addsAUsableTypeThatSurvivesReopening() {
    store.putEventType(new EventType("share", 4, Polarity.POSITIVE, ValueMode.IGNORE, true));
    store.append(List.of(ev("u1", "i1", "share", null, T0)));
    store.putEventType(new EventType("view", 0.5f, Polarity.POSITIVE, ValueMode.IGNORE, true));
    store.close();

    store = open(location);
    assertThat(store.eventTypes().get("share")).get().extracting(EventType::weight).isEqualTo(4f);
    assertThat(store.eventTypes().get("view")).get().extracting(EventType::weight).isEqualTo(0.5f);
    assertThat(store.counts().eventsByType()).containsOnly(Map.entry("share", 1L));
  }

  @Test
  void reopening_keepsEverything() {
    store.append(List.of(ev("u1", "i1", "view", null, T0)));
    store.close();
    store = open(location);
    assertThat(store.counts().events()).isEqualTo(1);
  }

  @Test
  void snapshot_hasDenseIndicesCsrInTimeOrderCscAndTypeWeights() {
    store.upsertItems(List.of(
        new Item("i1", List.of("Books"), "Dune", null, 9.0, Map.of(), null, false),
        new Item("i2", List.of("Books", "SF"), "Solaris", null, null, Map.of(), null, true),
        Item.of("i3")));
    store.upsertUsers(List.of(new User("alice", Map.of("country", "UK"), null), User.of("bob")));
    store.append(List.of(
        ev("alice", "i2", "rating", 4.0, T0.plusSeconds(20)),
        ev("alice", "i1", "view", null, T0.plusSeconds(10)),
        ev("alice", "i3", "impression", null, T0), // weight 0: not an interaction
        ev("bob", "i1", "purchase", -2.0, T0.plusSeconds(5)), // a cancellation weighs -5
        ev("bob", null, "visit", null, T0), // no item: not an interaction
        ev("bob", "i1", "dislike", null, T0.plusSeconds(30))));

    InteractionSnapshot s = store.snapshot();

    assertThat(s.userCount()).isEqualTo(2);
    assertThat(s.itemCount()).isEqualTo(3);
    assertThat(s.size()).isEqualTo(4);
    int alice = s.userIndex("alice");
    int bob = s.userIndex("bob");
    int i1 = s.itemIndex("i1");
    int i2 = s.itemIndex("i2");
    assertThat(s.userId(alice)).isEqualTo("alice");
    // alice's row in time order: view i1 (weight 1) then rating i2 (weight 4)
    assertThat(s.userDegree(alice)).isEqualTo(2);
    assertThat(s.itemAt(s.userStart(alice))).isEqualTo(i1);
    assertThat(s.weightAt(s.userStart(alice))).isEqualTo(1f);
    assertThat(s.itemAt(s.userStart(alice) + 1)).isEqualTo(i2);
    assertThat(s.weightAt(s.userStart(alice) + 1)).isEqualTo(4f);
    assertThat(s.epochSecondAt(s.userStart(alice) + 1)).isEqualTo(T0.plusSeconds(20).toEpochSecond());
    // bob: cancellation -5, then dislike -3
    assertThat(s.weightAt(s.userStart(bob))).isEqualTo(-5f);
    assertThat(s.weightAt(s.userStart(bob) + 1)).isEqualTo(-3f);
    // CSC of i1: alice then bob (user order)
    assertThat(s.itemDegree(i1)).isEqualTo(3);
    assertThat(s.userAtColumn(s.itemStart(i1))).isEqualTo(alice);
    assertThat(s.weightAtColumn(s.itemStart(i1))).isEqualTo(1f);
    // side data
    assertThat(s.itemCategories(i2)).containsExactly("Books", "SF");
    assertThat(s.itemHidden(i2)).isTrue();
    assertThat(s.itemPrice(i1)).isEqualTo(9f);
    assertThat(s.itemPrice(i2)).isNaN();
    assertThat(s.itemTitle(i1)).isEqualTo("Dune");
    assertThat(s.userAttributes(alice)).containsEntry("country", "UK");
    assertThat(s.userFirstSeen(bob)).isEqualTo(T0.toEpochSecond());
    assertThat(s.bytesPerInteraction()).isGreaterThan(0);
  }

  @Test
  void snapshot_ofAnEmptyStore_isEmpty() {
    InteractionSnapshot s = store.snapshot();
    assertThat(s.size()).isZero();
    assertThat(s.userCount()).isZero();
  }

  @Test
  void snapshot_bytesPerInteraction_isAtMost16ForALargeMatrix() {
    List<Event> events = new ArrayList<>();
    for (int k = 0; k < 20_000; k++) {
      events.add(ev("u" + (k % 500), "i" + (k * 7 % 300), "rating", (double) (1 + k % 5), T0.plusSeconds(k)));
    }
    store.append(events);
    InteractionSnapshot s = store.snapshot();
    assertThat(s.size()).isEqualTo(20_000);
    assertThat(s.bytesPerInteraction()).isLessThanOrEqualTo(16.0);
    assertThat(s.bytesPerInteraction()).isCloseTo(14.0, within(0.2));
  }

  /** What {@link EventStore#activity} delivered, as text per call. */
  static final class RecordingSink implements ActivitySink {
    final List<String> users = new ArrayList<>();
    final List<String> items = new ArrayList<>();
    final List<String> events = new ArrayList<>();

    @Override
    public void user(String id, Instant firstSeen, Map<String, Object> attributes) {
      users.add(id + " " + firstSeen + " " + attributes);
    }

    @Override
    public void item(String id, double price) {
      items.add(id + " " + price);
    }

    @Override
    public void event(int user, int item, String type, long timeMs, double value, String session,
        double unitPrice, double amount) {
      events.add(user + " " + item + " " + type + " " + timeMs + " " + value + " " + session + " "
          + unitPrice + " " + amount);
    }
  }

  @Test
  void activity_streamsDenseColumns_inInsertionOrder_withTheNumericContextAttributes() {
    store.upsertUsers(List.of(new User("u1", Map.of("country", "UK"), T0.toInstant())));
    store.upsertItems(List.of(new Item("i1", List.of(), null, null, 2.5, Map.of(), null, false)));
    long t = T0.toInstant().toEpochMilli();
    // a later event first: activity keeps insertion order, not time order
    store.append(List.of(new Event("u2", "i2", "purchase", 3.0, T0.plusMinutes(5),
        new EventContext("inv-1", "web", null, null, Map.of("unitPrice", 1.25, "note", "x")), null)));
    store.append(List.of(
        ev("u1", null, "visit", null, T0),
        new Event("u1", "i1", "purchase", -2.0, T0.plusMinutes(1),
            new EventContext(null, null, null, null, Map.of("amount", 7, "unitPrice", "cheap")), null),
        new Event("u2", "i1", "purchase", 1.0, T0.plusMinutes(2),
            new EventContext(null, null, null, null, Map.of("dollarValue", 4.5, "amount", 9)), null),
        new Event("u2", "i1", "purchase", 1.0, T0.plusMinutes(3),
            new EventContext(null, null, null, null, Map.of("dollarValue", "n/a", "amount", 9)), null)));

    RecordingSink sink = new RecordingSink();
    store.activity(sink);

    assertThat(sink.users).containsExactly("u1 " + T0.toInstant() + " {country=UK}",
        "u2 " + T0.plusMinutes(2).toInstant() + " {}");
    assertThat(sink.items).containsExactly("i1 2.5", "i2 NaN");
    assertThat(sink.events).containsExactly(
        "1 1 purchase " + (t + 300_000) + " 3.0 inv-1 1.25 NaN",
        "0 -1 visit " + t + " NaN null NaN NaN",
        "0 0 purchase " + (t + 60_000) + " -2.0 null NaN 7.0",
        "1 0 purchase " + (t + 120_000) + " 1.0 null NaN 4.5",
        "1 0 purchase " + (t + 180_000) + " 1.0 null NaN NaN");
  }

  @Test
  void activity_onAnEmptyStore_callsNothing() {
    RecordingSink sink = new RecordingSink();
    store.activity(sink);
    assertThat(sink.users).isEmpty();
    assertThat(sink.items).isEmpty();
    assertThat(sink.events).isEmpty();
  }
}
