package dev.longview.lab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.core.Event;
import dev.longview.core.Item;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Specification of the simulated world: determinism, the published dynamics, hidden state. */
class WorldTest {
  private static final SimConfig SMALL = SimConfig.defaults().withUsers(200).withDays(20)
      .withItemsPerTopic(10);

  /** Shows the first items (by id) not yet shown in the session: a policy with no state. */
  private static SlateServer firstUnshown(List<Item> items) {
    return r -> items.stream().map(Item::id).filter(id -> !r.shownInSession().contains(id))
        .limit(r.size()).toList();
  }

  private static List<Event> runAll(World w, SlateServer server) {
    List<Event> events = new ArrayList<>();
    for (int d = 0; d < w.config().days(); d++) {
      w.simulateDay(server, events::add);
    }
    return events;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 99})
  void sameSeed_sameEventsAndOutcomes(long seed) {
    World a = new World(SMALL, seed);
    World b = new World(SMALL, seed);
    List<Event> ea = runAll(a, firstUnshown(a.items()));
    List<Event> eb = runAll(b, firstUnshown(b.items()));
    assertThat(ea).isNotEmpty().isEqualTo(eb);
    assertThat(a.outcomes().engagementMinutes()).isEqualTo(b.outcomes().engagementMinutes());
    assertThat(a.outcomes().churnedUsers()).isEqualTo(b.outcomes().churnedUsers());
  }

  @Test
  void differentSeeds_differ() {
    World a = new World(SMALL, 1);
    World b = new World(SMALL, 2);
    assertThat(runAll(a, firstUnshown(a.items()))).isNotEqualTo(runAll(b, firstUnshown(b.items())));
  }

  @Test
  void arrivals_doNotDependOnThePolicy_commonRandomNumbers() {
    World a = new World(SMALL, 5);
    World b = new World(SMALL, 5);
    runAll(a, firstUnshown(a.items()));
    List<Item> reversed = new ArrayList<>(b.items());
    reversed.sort(Comparator.comparing(Item::id).reversed());
    runAll(b, firstUnshown(reversed));
    for (int u = 0; u < SMALL.users(); u++) {
      assertThat(a.outcomes().arrivalDay(u)).isEqualTo(b.outcomes().arrivalDay(u));
      assertThat(a.outcomes().active(u, a.outcomes().arrivalDay(u))).isTrue();
    }
  }

  @Test
  void events_areOnlyTheObservableTypes_inTimeOrderPerSession() {
    World w = new World(SMALL, 3);
    List<Event> events = runAll(w, firstUnshown(w.items()));
    assertThat(events).extracting(Event::type).containsOnly("visit", "impression", "click",
        "purchase");
    assertThat(events).allSatisfy(e -> assertThat(e.context().sessionId()).isNotNull());
    assertThat(events.stream().filter(e -> e.type().equals("impression")).count())
        .isEqualTo(w.outcomes().impressions());
    assertThat(events.stream().filter(e -> e.type().equals("click")).count())
        .isEqualTo(w.outcomes().clicks());
  }

  @Test
  void unknownItem_isRefusedWithTheId() {
    World w = new World(SMALL, 1);
    assertThatThrownBy(() -> w.simulateDay(r -> List.of("nope"), e -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"nope\"");
  }

  /** Item ids of one click-bait extreme, the most (chocolate) or least (kale) click-bait first. */
  private static List<String> byClickbait(World w, int n, boolean chocolate) {
    HiddenItem[] items = hidden(w);
    List<Item> all = w.items();
    return IntStream.range(0, all.size()).boxed()
        .sorted(Comparator.comparingDouble(i -> chocolate ? -items[i].clickbait() : items[i].clickbait()))
        .limit(n).map(i -> all.get(i).id()).toList();
  }

  private static HiddenItem[] hidden(World w) {
    try {
      var f = World.class.getDeclaredField("items");
      f.setAccessible(true);
      return (HiddenItem[]) f.get(w);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Outcomes diet(double tau, boolean chocolate) {
    SimConfig c = SimConfig.defaults().withUsers(400).withDays(30).withSensitivity(tau);
    World w = new World(c, 11);
    List<String> pool = byClickbait(w, 200, chocolate);
    runAll(w, r -> pool.stream().filter(id -> !r.shownInSession().contains(id)).limit(r.size())
        .toList());
    return w.outcomes();
  }

  @Test
  void atHighSensitivity_kaleKeepsUsers_chocolateLosesThem() {
    Outcomes kale = diet(1.0, false);
    Outcomes choc = diet(1.0, true);
    assertThat(kale.meanSessionEndSatisfaction()).isGreaterThan(choc.meanSessionEndSatisfaction() + 0.3);
    assertThat(kale.sessions()).isGreaterThan(choc.sessions());
    assertThat(kale.churnedUsers()).isLessThan(choc.churnedUsers());
  }

  @Test
  void atRecSimsDefaultSensitivity_chocolateEngagesMorePerClick() {
    Outcomes kale = diet(0.01, false);
    Outcomes choc = diet(0.01, true);
    assertThat(Math.abs(kale.meanSessionEndSatisfaction() - choc.meanSessionEndSatisfaction()))
        .isLessThan(0.05);
    assertThat(choc.engagementMinutes() / choc.clicks())
        .isGreaterThan(kale.engagementMinutes() / kale.clicks());
  }

  @Test
  void itemTruth_isACopyAlignedWithTheCatalogue() {
    World w = new World(SimConfig.defaults().withUsers(5).withDays(2).withItemsPerTopic(3), 7);
    World.ItemTruth t = w.itemTruth();
    assertThat(t.itemIds()).isEqualTo(w.items().stream().map(Item::id).toList());
    for (int i = 0; i < t.itemIds().size(); i++) {
      assertThat(t.clickbait()[i]).isBetween(0.0, 1.0);
      assertThat(t.topic()[i]).isEqualTo(i % w.config().topics());
      assertThat(w.items().get(i).categories()).containsExactly(World.topicName(t.topic()[i]));
    }
    // Cheap quality goes with click-bait (the world's design), so the truth is not noise.
    double low = 0;
    double high = 0;
    for (int i = 0; i < t.itemIds().size(); i++) {
      if (t.topic()[i] == 0) {
        low += t.clickbait()[i];
      } else if (t.topic()[i] == w.config().topics() - 1) {
        high += t.clickbait()[i];
      }
    }
    assertThat(low).isGreaterThan(high);
    t.clickbait()[0] = 42;
    assertThat(w.itemTruth().clickbait()[0]).isBetween(0.0, 1.0);
  }

  @Test
  void hiddenState_isNotReachableThroughThePublicApi() {
    assertThat(Modifier.isPublic(HiddenUser.class.getModifiers())).isFalse();
    assertThat(Modifier.isPublic(HiddenItem.class.getModifiers())).isFalse();
    for (Class<?> api : List.of(World.class, Outcomes.class, SlateServer.class,
        SlateServer.Request.class, SimConfig.class)) {
      for (Method m : api.getMethods()) {
        List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        types.add(m.getGenericReturnType());
        assertThat(types).as(api.getSimpleName() + "." + m.getName())
            .noneMatch(t -> t.getTypeName().contains("Hidden"));
      }
      assertThat(api.getFields()).as(api.getSimpleName() + " public fields").isEmpty();
    }
  }
}
