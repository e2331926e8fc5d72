package dev.longview.sim;

import dev.longview.lab.sim.World;
import dev.longview.retention.policy.Policy;
import dev.longview.store.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A lab-side upper bound, for diagnostics only (never a lab policy): wraps a policy and removes
 * from its slates every item whose hidden click-bait is at least {@code maxClickbait}, i.e. what
 * the wrapped policy would do with a perfect long-term value estimate that only filters. It reads
 * the world's hidden truth ({@link World#itemTruth()}), which no engine-side policy can; it tells
 * how much D30 a retention stage could gain at best by steering the same ranking away from
 * click-bait.
 */
final class TruthFilterPolicy implements Policy {
  private final Policy inner;
  private final Set<String> allowed = new HashSet<>();
  private final int widen;

  TruthFilterPolicy(Policy inner, World.ItemTruth truth, double maxClickbait, int widen) {
    this.inner = inner;
    this.widen = widen;
    for (int i = 0; i < truth.itemIds().size(); i++) {
      if (truth.clickbait()[i] < maxClickbait) {
        allowed.add(truth.itemIds().get(i));
      }
    }
  }

  @Override
  public String name() {
    return inner.name() + "+truth";
  }

  @Override
  public void retrain(EventStore store, Instant asOf) {
    inner.retrain(store, asOf);
  }

  @Override
  public void observe(dev.longview.core.Event event) {
    inner.observe(event);
  }

  @Override
  public Slate recommend(VisitRequest r) {
    Slate wide = inner.recommend(new VisitRequest(r.userId(), r.time(), r.sessionId(),
        r.shownInSession(), r.size() * widen));
    List<String> out = new ArrayList<>(r.size());
    for (String id : wide.items()) {
      if (out.size() < r.size() && allowed.contains(id)) {
        out.add(id);
      }
    }
    for (String id : wide.items()) {
      if (out.size() < r.size() && !out.contains(id)) {
        out.add(id);
      }
    }
    return new Slate(out, wide.stagePolicy());
  }
}
