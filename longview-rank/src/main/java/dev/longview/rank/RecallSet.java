package dev.longview.rank;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.Model;
import dev.longview.core.model.TopK;
import java.util.Arrays;
import java.util.List;

/**
 * Several trained recall models under names, each contributing its top {@code perSource} items
 * (those the request's {@link ItemFilter} allows) to one merged candidate list: the offline
 * stand-in for the serving pipeline's multi-source recall, used to build training groups and to
 * evaluate. Candidates are in order of first recall (source order, then each source's rank); a
 * source's score is NaN for an item outside its own top list. Immutable and thread-safe (buffers
 * are per call).
 */
public final class RecallSet {
  private final List<String> names;
  private final List<Model> models;
  private final int perSource;
  private final int items;

  /**
   * @param names source names (distinct)
   * @param models trained models over one snapshot, in the same order
   * @param perSource how many items each source contributes (>= 1)
   */
  public RecallSet(List<String> names, List<Model> models, int perSource) {
    if (names == null || models == null || names.size() != models.size() || names.isEmpty()) {
      throw new IllegalArgumentException("give one name per model and at least one model; got "
          + names + " for " + (models == null ? 0 : models.size()) + " models");
    }
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("recall source names " + names + " repeat a name");
    }
    if (perSource < 1) {
      throw new IllegalArgumentException("perSource was " + perSource + "; use at least 1, e.g. 100");
    }
    int n = models.get(0).itemCount();
    for (int s = 0; s < models.size(); s++) {
      if (models.get(s).itemCount() != n || models.get(s).userCount() != models.get(0).userCount()) {
        throw new IllegalArgumentException("model " + names.get(s) + " covers "
            + models.get(s).userCount() + " x " + models.get(s).itemCount() + " but "
            + names.get(0) + " covers " + models.get(0).userCount() + " x " + n
            + "; train every source on the same snapshot");
      }
    }
    this.names = List.copyOf(names);
    this.models = List.copyOf(models);
    this.perSource = perSource;
    this.items = n;
  }

  public List<String> names() {
    return names;
  }

  public int perSource() {
    return perSource;
  }

  /** The merged candidates of {@code user} that {@code filter} allows, as a ranking request. */
  public RankRequest request(int user, ItemFilter filter, RankContext context) {
    int s = models.size();
    float[] buf = new float[items];
    int[] top = new int[perSource];
    float[] topScores = new float[perSource];
    TopK topK = new TopK(perSource);
    int[] slotOf = new int[items];
    Arrays.fill(slotOf, -1);
    int[] cand = new int[s * perSource];
    float[][] raw = new float[s][s * perSource];
    for (float[] r : raw) {
      Arrays.fill(r, Float.NaN);
    }
    int n = 0;
    for (int src = 0; src < s; src++) {
      models.get(src).score(user, buf);
      int found = topK.select(buf, items, filter, top, topScores);
      for (int r = 0; r < found; r++) {
        int i = top[r];
        if (slotOf[i] < 0) {
          slotOf[i] = n;
          cand[n++] = i;
        }
        raw[src][slotOf[i]] = topScores[r];
      }
    }
    float[][] scores = new float[s][];
    for (int src = 0; src < s; src++) {
      scores[src] = Arrays.copyOf(raw[src], n);
    }
    return new RankRequest(user, context, Arrays.copyOf(cand, n), scores);
  }

  /**
   * A request over given {@code shown} items (e.g. a logged impression list): each source's score
   * where the item is in that source's top {@code perSource} under {@code filter}, else NaN.
   */
  public RankRequest requestFor(int user, int[] shown, ItemFilter filter, RankContext context) {
    int s = models.size();
    float[] buf = new float[items];
    int[] top = new int[perSource];
    float[] topScores = new float[perSource];
    TopK topK = new TopK(perSource);
    float[][] scores = new float[s][shown.length];
    float[] inTop = new float[items];
    for (int src = 0; src < s; src++) {
      Arrays.fill(inTop, Float.NaN);
      if (user >= 0) {
        models.get(src).score(user, buf);
        int found = topK.select(buf, items, filter, top, topScores);
        for (int r = 0; r < found; r++) {
          inTop[top[r]] = topScores[r];
        }
      }
      for (int k = 0; k < shown.length; k++) {
        if (shown[k] < 0 || shown[k] >= items) {
          throw new IllegalArgumentException("shown item " + k + " is " + shown[k]
              + ", outside 0.." + (items - 1));
        }
        scores[src][k] = inTop[shown[k]];
      }
    }
    return new RankRequest(user, context, shown, scores);
  }
}
