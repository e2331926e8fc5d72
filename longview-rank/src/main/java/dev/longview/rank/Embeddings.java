package dev.longview.rank;

/**
 * Dense vectors for the ranker's embedding features, row-major, in the snapshot's index space:
 * item vectors always, user vectors when the model has them (a factor model: iALS, BPR) or null
 * (text vectors). The ranker reads dot products, norms and cosines from them, never raw
 * dimensions, so the trees see a handful of features whatever the dimension.
 *
 * @param dims vector length
 * @param users {@code userCount x dims}, or null
 * @param items {@code itemCount x dims}
 */
public record Embeddings(int dims, float[] users, float[] items) {
  public Embeddings {
    if (dims < 1 || items == null || items.length % dims != 0
        || (users != null && users.length % dims != 0)) {
      throw new IllegalArgumentException("embeddings of " + dims + " dims need item (and user)"
          + " arrays whose length is a multiple of dims; got " + (items == null ? "no items"
              : items.length + " item floats") + (users == null ? "" : ", " + users.length
                  + " user floats"));
    }
  }

  int itemCount() {
    return items.length / dims;
  }

  int userCount() {
    return users == null ? 0 : users.length / dims;
  }

  float itemDot(int a, int b) {
    float s = 0;
    int oa = a * dims;
    int ob = b * dims;
    for (int k = 0; k < dims; k++) {
      s += items[oa + k] * items[ob + k];
    }
    return s;
  }

  float userItemDot(int user, int item) {
    float s = 0;
    int ou = user * dims;
    int oi = item * dims;
    for (int k = 0; k < dims; k++) {
      s += users[ou + k] * items[oi + k];
    }
    return s;
  }

  float itemVectorDot(int item, float[] v) {
    float s = 0;
    int oi = item * dims;
    for (int k = 0; k < dims; k++) {
      s += items[oi + k] * v[k];
    }
    return s;
  }

  float itemNorm(int item) {
    return (float) Math.sqrt(itemDot(item, item));
  }
}
