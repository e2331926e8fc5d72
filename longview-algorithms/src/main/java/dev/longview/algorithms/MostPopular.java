package dev.longview.algorithms;

import dev.longview.core.model.Model;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.io.IOException;
import java.util.Map;

/**
 * The popularity baseline: every user gets the items with the most distinct positive
 * interactions (entries with weight > 0) in training. Same scores for everyone.
 */
final class MostPopular implements Trainer {
  @Override
  public Model train(InteractionSnapshot train) {
    float[] popularity = new float[train.itemCount()];
    for (int i = 0; i < train.itemCount(); i++) {
      int count = 0;
      for (int p = train.itemStart(i); p < train.itemEnd(i); p++) {
        if (train.weightAtColumn(p) > 0) {
          count++;
        }
      }
      popularity[i] = count;
    }
    return new Popularity(train.userCount(), popularity);
  }

  static Model read(String algorithm, Map<String, String> params, int users, int items,
      Payload.Reader in) {
    float[] popularity = in.readFloats();
    in.check(popularity.length == items, "popularity has " + popularity.length + " items, the"
        + " header says " + items);
    return new Popularity(users, popularity);
  }

  /** The trained popularity model. Immutable. */
  private record Popularity(int users, float[] popularity) implements StoredModel {
    @Override
    public int userCount() {
      return users;
    }

    @Override
    public int itemCount() {
      return popularity.length;
    }

    @Override
    public void score(int user, float[] scores) {
      System.arraycopy(popularity, 0, scores, 0, popularity.length);
    }

    @Override
    public String algorithm() {
      return "pop";
    }

    @Override
    public Map<String, String> params() {
      return Map.of();
    }

    @Override
    public void writePayload(Payload.Writer out) throws IOException {
      out.writeFloats(popularity);
    }
  }
}
