package dev.longview.pipeline;

import dev.longview.algorithms.ModelFiles;
import dev.longview.algorithms.bundle.BundleContent;
import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.rank.RankerModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The whole recommendation pipeline seen as a {@link Model}, so that the shared evaluator and the
 * model bundles treat it like any single model: {@link #score} runs {@link Pipeline#recommend}
 * for the user (recall, merge, filter, rank by the learned ranker or the blend, re-rank) and
 * gives its top {@code depth} items descending scores by position ({@code depth - position}),
 * every other item NaN (never recommended). The snapshot's consumed items are filtered by the
 * pipeline itself, as the evaluator also does.
 *
 * <p>As a {@link BundleContent} it writes the ranker ({@link RankerModel#writeTo}) and the
 * chain's recall models it was trained with ({@code recall-NAME.lvm}, when {@link ModelFiles} can
 * write them: a record of what the ranker learnt from; a server retrains its recall models from
 * its store and keeps the ranker). Thread-safe; {@link #close} frees the ranker's booster.
 */
public final class PipelineModel implements Model, BundleContent, AutoCloseable {
  private final Pipeline pipeline;
  private final ModelSet models;
  private final RankerModel ranker;
  private final int depth;

  /**
   * @param ranker the ranker {@code models} was trained with (owned from now on), or null
   * @param depth how many items a user's ranking holds (>= 1)
   */
  public PipelineModel(Pipeline pipeline, ModelSet models, RankerModel ranker, int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("depth was " + depth + "; use at least 1, e.g. 100");
    }
    this.pipeline = pipeline;
    this.models = models;
    this.ranker = ranker;
    this.depth = depth;
  }

  public ModelSet models() {
    return models;
  }

  /** The ranker, or null for the blend. */
  public RankerModel ranker() {
    return ranker;
  }

  @Override
  public int userCount() {
    return models.snapshot().userCount();
  }

  @Override
  public int itemCount() {
    return models.snapshot().itemCount();
  }

  @Override
  public void score(int user, float[] out) {
    InteractionSnapshot s = models.snapshot();
    Arrays.fill(out, 0, s.itemCount(), Float.NaN);
    RecommendRequest req = new RecommendRequest(s.userId(user), depth, 0, null, null, null, null,
        null, null, false);
    List<Recommendation.Item> items = pipeline.recommend(models, req, null).items();
    for (int pos = 0; pos < items.size(); pos++) {
      out[s.itemIndex(items.get(pos).itemId())] = depth - pos;
    }
  }

  @Override
  public List<String> writeTo(Path dir) throws IOException {
    List<String> files = new ArrayList<>();
    if (ranker != null) {
      files.addAll(ranker.writeTo(dir));
    }
    for (Model m : new Model[] {models.factors(), models.neighbours()}) {
      if (m != null && ModelFiles.canWrite(m)) {
        String name = "recall-" + (m == models.factors() ? models.factorName()
            : models.neighbourName()) + ".lvm";
        ModelFiles.write(m, dir.resolve(name));
        files.add(name);
      }
    }
    return files;
  }

  @Override
  public void close() {
    if (ranker != null) {
      ranker.close();
    }
  }
}
