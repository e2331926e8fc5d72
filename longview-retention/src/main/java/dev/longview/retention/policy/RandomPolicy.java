package dev.longview.retention.policy;

import dev.longview.core.Item;
import dev.longview.store.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Uniformly random items from the catalogue, never one already shown in the session. The floor
 * any policy should beat. Draws from a stream seeded by (seed, user, time), so runs repeat.
 */
public final class RandomPolicy implements Policy {
  private final long seed;
  private List<String> catalogue = List.of();

  public RandomPolicy(long seed) {
    this.seed = seed;
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public void retrain(EventStore store, Instant asOf) {
    List<String> ids = new ArrayList<>();
    try (Stream<Item> items = store.items()) {
      items.filter(i -> !i.hidden()).forEach(i -> ids.add(i.id()));
    }
    catalogue = ids;
  }

  @Override
  public Slate recommend(VisitRequest r) {
    SplittableRandom rng = new SplittableRandom(
        seed * 31 + r.userId().hashCode() * 1_000_003L + r.time().toEpochMilli());
    Set<String> shown = new HashSet<>(r.shownInSession());
    Set<String> out = new LinkedHashSet<>();
    // Shown ids come from the catalogue, so this many remain to draw from.
    int want = Math.min(r.size(), Math.max(0, catalogue.size() - shown.size()));
    while (out.size() < want) {
      String id = catalogue.get(rng.nextInt(catalogue.size()));
      if (!shown.contains(id)) {
        out.add(id);
      }
    }
    return new Slate(List.copyOf(out), "none");
  }
}
