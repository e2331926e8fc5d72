package dev.longview.sim;

import dev.longview.lab.sim.World;
import dev.longview.pipeline.PipelinePolicy;
import dev.longview.retention.ItemSignals;
import dev.longview.retention.policy.Policy;
import dev.longview.store.EventStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A lab-side diagnostic, never a lab policy: {@code longview} whose learnt long-term values are
 * overwritten after every retrain with values derived from the hidden truth,
 * {@code scale * (0.5 - clickbait)}: what the retention stage would do with a perfect estimator.
 * It writes into the model generation's value arrays (which the engine treats as immutable), so it
 * exists only to separate "the estimate is too weak" from "the re-ranker cannot use it".
 */
final class TruthValuePolicy implements Policy {
  private final PipelinePolicy inner;
  private final Map<String, Double> clickbait = new HashMap<>();
  private final double scale;

  TruthValuePolicy(PipelinePolicy inner, World.ItemTruth truth, double scale) {
    this(inner, truth, scale, false);
  }

  /** @param byTopic use each item's topic mean click-bait instead of its own */
  TruthValuePolicy(PipelinePolicy inner, World.ItemTruth truth, double scale, boolean byTopic) {
    this.inner = inner;
    this.scale = scale;
    Map<Integer, double[]> topicMean = new HashMap<>();
    for (int i = 0; i < truth.itemIds().size(); i++) {
      double[] m = topicMean.computeIfAbsent(truth.topic()[i], k -> new double[2]);
      m[0] += truth.clickbait()[i];
      m[1]++;
    }
    for (int i = 0; i < truth.itemIds().size(); i++) {
      double[] m = topicMean.get(truth.topic()[i]);
      clickbait.put(truth.itemIds().get(i), byTopic ? m[0] / m[1] : truth.clickbait()[i]);
    }
  }

  @Override
  public String name() {
    return inner.name() + "+truthvalue";
  }

  @Override
  public void retrain(EventStore store, Instant asOf) {
    inner.retrain(store, asOf);
    if (inner.models().retention() == null) {
      return;
    }
    ItemSignals s = inner.models().retention().items();
    var snap = inner.models().snapshot();
    for (int i = 0; i < s.itemCount() && i < snap.itemCount(); i++) {
      Double c = clickbait.get(snap.itemId(i));
      double v = c == null ? 0 : scale * (0.5 - c);
      s.value()[i] = v;
      s.gateway()[i] = v;
    }
    // the category values (what a category plan admits by) from the same true values
    double[] means = ItemSignals.categoryMeans(s.category(), s.value(), s.categoryValue().length);
    System.arraycopy(means, 0, s.categoryValue(), 0, means.length);
  }

  @Override
  public void observe(dev.longview.core.Event event) {
    inner.observe(event);
  }

  @Override
  public Slate recommend(VisitRequest r) {
    return inner.recommend(r);
  }
}
