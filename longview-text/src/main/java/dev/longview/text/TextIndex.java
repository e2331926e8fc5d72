package dev.longview.text;

import dev.longview.core.model.ItemFilter;
import dev.longview.core.model.TopK;
import dev.longview.core.text.TextEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Content recall: the text vectors of a set of items, and the items nearest to a query text, to
 * another vector, or to a user's profile (the normalised mean of the vectors of the items the
 * user consumed). Feeds new-item cold start (an item is recommendable as soon as it has text) and
 * query context. Independent of HTTP and of any model of interactions.
 *
 * <p>Items have dense indices {@code 0..size()-1} in the order they were given, and external ids
 * at the edge. Search is exact (a dot product with every item, then the shared {@link TopK}
 * honouring an {@link ItemFilter}): 5 million multiply-adds for 10,000 items of 512 dimensions
 * (milliseconds; see BENCHMARKS.md); for larger catalogues hand {@link #vector} to an approximate
 * index (HNSW). Immutable and thread-safe;
 * {@link #withItems} returns a new index (copy on write) for items added or changed since.
 */
public final class TextIndex {
  /** One nearest item: its dense index in this index, its external id, its cosine to the query. */
  public record Hit(int index, String itemId, float score) {}

  private final TextEncoder encoder;
  private final List<String> ids;
  private final Map<String, Integer> index;
  private final float[] vectors; // row-major, size() x dimension
  private final int dim;

  private TextIndex(TextEncoder encoder, List<String> ids, Map<String, Integer> index, float[] vectors) {
    this.encoder = encoder;
    this.ids = ids;
    this.index = index;
    this.vectors = vectors;
    this.dim = encoder.dimension();
  }

  /** Encodes {@code texts} (one per item, same order as {@code itemIds}) with {@code encoder}. */
  public static TextIndex build(TextEncoder encoder, List<String> itemIds, List<String> texts) {
    if (itemIds.size() != texts.size()) {
      throw new IllegalArgumentException(itemIds.size() + " item ids but " + texts.size()
          + " texts; give one text per item");
    }
    return of(encoder, itemIds, encoder.encodeAll(texts));
  }

  /** An index over vectors already encoded by {@code encoder} (e.g. loaded from a bundle). */
  public static TextIndex of(TextEncoder encoder, List<String> itemIds, float[][] itemVectors) {
    if (itemIds.size() != itemVectors.length) {
      throw new IllegalArgumentException(itemIds.size() + " item ids but " + itemVectors.length
          + " vectors; give one vector per item");
    }
    int d = encoder.dimension();
    Map<String, Integer> idx = new HashMap<>(itemIds.size() * 2);
    float[] flat = new float[itemIds.size() * d];
    for (int i = 0; i < itemIds.size(); i++) {
      String id = itemIds.get(i);
      if (id == null || idx.put(id, i) != null) {
        throw new IllegalArgumentException("item id " + (id == null ? "null" : "\"" + id + "\" repeated")
            + " at position " + i + "; give each item once");
      }
      if (itemVectors[i].length != d) {
        throw new IllegalArgumentException("vector of item \"" + id + "\" has length "
            + itemVectors[i].length + "; the encoder's dimension is " + d);
      }
      System.arraycopy(itemVectors[i], 0, flat, i * d, d);
    }
    return new TextIndex(encoder, List.copyOf(itemIds), Map.copyOf(idx), flat);
  }

  /**
   * A new index with {@code itemIds} added (or, for ids already here, their text replaced);
   * this index is unchanged. A new item is searchable from the moment it has text.
   */
  public TextIndex withItems(List<String> itemIds, List<String> texts) {
    if (itemIds.size() != texts.size()) {
      throw new IllegalArgumentException(itemIds.size() + " item ids but " + texts.size() + " texts");
    }
    float[][] fresh = encoder.encodeAll(texts);
    List<String> allIds = new ArrayList<>(ids);
    float[] all = Arrays.copyOf(vectors, vectors.length);
    Map<String, Integer> added = new HashMap<>();
    List<float[]> appended = new ArrayList<>();
    for (int k = 0; k < itemIds.size(); k++) {
      String id = itemIds.get(k);
      Integer at = index.get(id);
      if (at != null) {
        System.arraycopy(fresh[k], 0, all, at * dim, dim);
      } else if (added.containsKey(id)) {
        appended.set(added.get(id), fresh[k]);
      } else {
        added.put(id, appended.size());
        appended.add(fresh[k]);
        allIds.add(id);
      }
    }
    float[][] rows = new float[allIds.size()][];
    for (int i = 0; i < ids.size(); i++) {
      rows[i] = Arrays.copyOfRange(all, i * dim, (i + 1) * dim);
    }
    for (int k = 0; k < appended.size(); k++) {
      rows[ids.size() + k] = appended.get(k);
    }
    return of(encoder, allIds, rows);
  }

  public TextEncoder encoder() {
    return encoder;
  }

  public int size() {
    return ids.size();
  }

  public int dimension() {
    return dim;
  }

  public String itemId(int item) {
    return ids.get(item);
  }

  /** The dense index of {@code itemId}, or -1 when this index does not hold it. */
  public int indexOf(String itemId) {
    Integer i = index.get(itemId);
    return i == null ? -1 : i;
  }

  /** A copy of item {@code item}'s unit vector. */
  public float[] vector(int item) {
    return Arrays.copyOfRange(vectors, item * dim, (item + 1) * dim);
  }

  /** The vector of a query text (the encoder's). */
  public float[] queryVector(String text) {
    return encoder.encode(text);
  }

  /**
   * A user's content profile: the mean of the vectors of {@code items} (dense indices here, each
   * weighted by {@code weights[k]}, or 1 when {@code weights} is null), normalised to unit length.
   * The zero vector when no item has text.
   */
  public float[] profile(int[] items, float[] weights) {
    if (weights != null && weights.length != items.length) {
      throw new IllegalArgumentException(items.length + " items but " + weights.length + " weights");
    }
    float[] p = new float[dim];
    for (int k = 0; k < items.length; k++) {
      float w = weights == null ? 1f : weights[k];
      int off = items[k] * dim;
      for (int j = 0; j < dim; j++) {
        p[j] += w * vectors[off + j];
      }
    }
    return TextEncoder.normalize(p);
  }

  /** The profile of the items with these external ids; ids this index lacks are skipped. */
  public float[] profileOf(Collection<String> itemIds) {
    int[] known = itemIds.stream().mapToInt(this::indexOf).filter(i -> i >= 0).toArray();
    return profile(known, null);
  }

  /** Writes the cosine of {@code query} with every item into {@code scores[0..size())}. */
  public void scores(float[] query, float[] scores) {
    if (query.length != dim) {
      throw new IllegalArgumentException("query vector has length " + query.length
          + "; this index holds vectors of dimension " + dim + " (encode the query with the same encoder)");
    }
    int n = ids.size();
    for (int i = 0; i < n; i++) {
      // Four independent sums: the JIT does not reorder one float sum, four let the CPU overlap.
      int off = i * dim;
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      int j = 0;
      for (; j + 3 < dim; j += 4) {
        s0 += query[j] * vectors[off + j];
        s1 += query[j + 1] * vectors[off + j + 1];
        s2 += query[j + 2] * vectors[off + j + 2];
        s3 += query[j + 3] * vectors[off + j + 3];
      }
      for (; j < dim; j++) {
        s0 += query[j] * vectors[off + j];
      }
      scores[i] = (s0 + s1) + (s2 + s3);
    }
  }

  /**
   * The {@code k} items nearest to {@code query}, best first, skipping those {@code filter}
   * excludes (may be null; its item count must be {@link #size()}). Items with no known text
   * (zero vectors) score 0; a zero query returns the first allowed items at score 0.
   */
  public List<Hit> nearest(float[] query, int k, ItemFilter filter) {
    if (filter != null && filter.itemCount() != ids.size()) {
      throw new IllegalArgumentException("filter covers " + filter.itemCount()
          + " items; this index holds " + ids.size());
    }
    float[] scores = new float[ids.size()];
    scores(query, scores);
    TopK top = new TopK(k);
    int[] items = new int[k];
    float[] best = new float[k];
    int found = top.select(scores, scores.length, filter, items, best);
    List<Hit> hits = new ArrayList<>(found);
    for (int r = 0; r < found; r++) {
      hits.add(new Hit(items[r], ids.get(items[r]), best[r]));
    }
    return hits;
  }

  /** The {@code k} items nearest to a query text (search box, session query). */
  public List<Hit> nearestToText(String text, int k, ItemFilter filter) {
    return nearest(encoder.encode(text), k, filter);
  }

  /**
   * The {@code k} items nearest to the profile of the consumed items {@code consumedIds} (external
   * ids), never returning a consumed item: content recall for a user.
   */
  public List<Hit> nearestToItems(Collection<String> consumedIds, int k) {
    ItemFilter filter = new ItemFilter(ids.size());
    for (String id : consumedIds) {
      int i = indexOf(id);
      if (i >= 0) {
        filter.exclude(i);
      }
    }
    return nearest(profileOf(consumedIds), k, filter);
  }
}
