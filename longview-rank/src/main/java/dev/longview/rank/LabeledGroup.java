package dev.longview.rank;

/**
 * One training group for learning to rank: a request and a relevance label per candidate (0 = not
 * clicked / not a held-out positive, 1 = clicked / a held-out positive; larger integers for graded
 * relevance; -1 = not a training row, e.g. a negative that was not sampled). LambdaMART compares
 * candidates only within a group. Unused candidates stay in the request so that the per-request
 * features (each source's rank and min-max score) are computed over the same full candidate list
 * at training and at serving time.
 */
public record LabeledGroup(RankRequest request, int[] labels) {
  public LabeledGroup {
    if (request == null || labels == null) {
      throw new IllegalArgumentException("a labeled group needs a request and labels");
    }
    if (labels.length != request.size()) {
      throw new IllegalArgumentException("group has " + request.size() + " candidates but "
          + labels.length + " labels; give one label per candidate");
    }
    labels = labels.clone();
    for (int k = 0; k < labels.length; k++) {
      if (labels[k] < -1 || labels[k] > 30) {
        throw new IllegalArgumentException("label " + labels[k] + " of candidate " + k
            + " is outside -1..30; use 0 for not relevant, 1 (or more) for relevant, -1 to skip");
      }
    }
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  int label(int k) {
    return labels[k];
  }

  int used() {
    int n = 0;
    for (int l : labels) {
      if (l >= 0) {
        n++;
      }
    }
    return n;
  }

  boolean hasPositive() {
    for (int l : labels) {
      if (l > 0) {
        return true;
      }
    }
    return false;
  }
}
