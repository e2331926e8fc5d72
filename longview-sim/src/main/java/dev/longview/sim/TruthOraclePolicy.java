package dev.longview.sim;

import dev.longview.lab.sim.World;
import dev.longview.retention.policy.Policy;
import dev.longview.store.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lab-side reference policy, for diagnostics only (never a lab policy): it knows every item's
 * hidden click-bait and topic ({@link World#itemTruth()}) and counts each user's clicks per topic
 * as they happen. Each slate takes one item from each of the user's most-clicked allowed topics
 * (topics whose mean click-bait is below {@code maxTopicClickbait}; unclicked allowed topics fill
 * the rest in a per-user rotation), within a topic the least click-bait item not yet shown in the
 * session. It approximates "all kale, personal, diverse": how far D30 can go when a policy knows
 * the long-term truth that the engine has to learn.
 */
final class TruthOraclePolicy implements Policy {
  private final int topics;
  private final boolean[] allowedTopic;
  private final List<List<String>> byTopic = new ArrayList<>();
  private final Map<String, Integer> topicOf = new HashMap<>();
  private final Map<String, int[]> clicks = new HashMap<>();
  private final int explore;
  private final boolean personal;
  private final boolean leastClickbaitFirst;

  TruthOraclePolicy(World.ItemTruth truth, double maxTopicClickbait, int explore,
      boolean personal, boolean leastClickbaitFirst) {
    this.explore = explore;
    this.personal = personal;
    this.leastClickbaitFirst = leastClickbaitFirst;
    int t = 0;
    for (int x : truth.topic()) {
      t = Math.max(t, x + 1);
    }
    topics = t;
    double[] sum = new double[topics];
    int[] n = new int[topics];
    for (int k = 0; k < topics; k++) {
      byTopic.add(new ArrayList<>());
    }
    Integer[] order = new Integer[truth.itemIds().size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      sum[truth.topic()[i]] += truth.clickbait()[i];
      n[truth.topic()[i]]++;
      topicOf.put(truth.itemIds().get(i), truth.topic()[i]);
    }
    if (leastClickbaitFirst) {
      Arrays.sort(order, (a, b) -> Double.compare(truth.clickbait()[a], truth.clickbait()[b]));
    }
    for (int i : order) {
      byTopic.get(truth.topic()[i]).add(truth.itemIds().get(i));
    }
    allowedTopic = new boolean[topics];
    for (int k = 0; k < topics; k++) {
      allowedTopic[k] = sum[k] / n[k] < maxTopicClickbait;
    }
  }

  @Override
  public String name() {
    return "oracle";
  }

  @Override
  public void retrain(EventStore store, Instant asOf) {}

  @Override
  public void observe(dev.longview.core.Event e) {
    if ("click".equals(e.type()) && e.itemId() != null) {
      clicks.computeIfAbsent(e.userId(), k -> new int[topics])[topicOf.get(e.itemId())]++;
    }
  }

  @Override
  public Slate recommend(VisitRequest r) {
    int[] mine = personal ? clicks.getOrDefault(r.userId(), new int[topics]) : new int[topics];
    int salt = Math.floorMod(r.userId().hashCode() + r.shownInSession().size() * 7, topics);
    Integer[] order = new Integer[topics];
    for (int k = 0; k < topics; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> mine[a] != mine[b] ? Integer.compare(mine[b], mine[a])
        : Integer.compare(Math.floorMod(a - salt, topics), Math.floorMod(b - salt, topics)));
    Set<String> shown = new HashSet<>(r.shownInSession());
    List<String> out = new ArrayList<>(r.size());
    int exploring = 0;
    for (int k : order) {
      if (out.size() >= r.size()) {
        break;
      }
      if (!allowedTopic[k]) {
        continue;
      }
      if (mine[k] == 0 && exploring >= explore && out.size() > 0) {
        continue;
      }
      exploring += mine[k] == 0 ? 1 : 0;
      for (String id : byTopic.get(k)) {
        if (!shown.contains(id)) {
          out.add(id);
          shown.add(id);
          break;
        }
      }
    }
    for (int k : order) {
      for (String id : byTopic.get(k)) {
        if (out.size() >= r.size()) {
          break;
        }
        if (allowedTopic[k] && !shown.contains(id)) {
          out.add(id);
          shown.add(id);
        }
      }
    }
    return new Slate(out, "none");
  }
}
