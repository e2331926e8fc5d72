package dev.longview.pipeline;

import dev.longview.algorithms.VectorMath;
import dev.longview.core.model.ItemFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Approximate inner-product search through Lucene's HNSW graph (Malkov and Yashunin, "Efficient
 * and robust approximate nearest neighbor search using Hierarchical Navigable Small World
 * graphs", TPAMI 2018), held in memory ({@link ByteBuffersDirectory}): one document per item with
 * a {@link KnnFloatVectorField} and the item index as a doc value.
 *
 * <p>Inner product is not a metric, and HNSW over raw inner products (Lucene's
 * MAXIMUM_INNER_PRODUCT) reached only 0.85 recall@10 in our tests. So the index uses the
 * reduction of maximum inner product search to nearest-neighbour search of Bachrach et al.
 * ("Speeding up the Xbox recommender system using a Euclidean transformation for inner-product
 * spaces", RecSys 2014): with {@code R} the largest item norm, item {@code x} is stored as the
 * unit vector {@code [x / R, sqrt(1 - |x|^2 / R^2)]} and query {@code q} searched as
 * {@code [q / |q|, 0]}; their dot product is {@code <q, x> / (|q| R)}, the same order as the inner
 * product, and every stored vector has norm 1, so the graph is built with
 * {@link VectorSimilarityFunction#DOT_PRODUCT} (cosine on unit vectors, a proper metric).
 *
 * <p>A query asks the graph for {@code k * oversample} neighbours (Lucene uses the query's k as
 * the search beam, so oversampling widens the search), drops those the filter excludes,
 * re-scores the rest exactly against the kept vectors and returns the best k (fewer when the
 * filter took many: the caller's other recall sources fill the page). Parameters: {@code m} (graph degree, Lucene's maxConn) and
 * {@code beamWidth} (the build beam); BENCHMARKS.md ("Server pipeline") has the recall they reach
 * against {@link ExactVectorIndex}. Lucene builds the graph single-threaded here, so construction
 * is deterministic for one insertion order. Immutable and thread-safe (Lucene's searcher is).
 */
public final class HnswVectorIndex implements VectorIndex {
  private static final String FIELD = "v";
  private static final String ITEM = "i";

  private final float[] vectors;
  private final int n;
  private final int dim;
  private final int oversample;
  /** The largest item norm R of the transformation above. */
  private final float maxNorm;
  private final IndexSearcher searcher;
  /** Global Lucene doc id -> item index. */
  private final int[] docToItem;

  private HnswVectorIndex(HnswVectorIndex base, int oversample) {
    this.vectors = base.vectors;
    this.n = base.n;
    this.dim = base.dim;
    this.oversample = oversample;
    this.maxNorm = base.maxNorm;
    this.searcher = base.searcher;
    this.docToItem = base.docToItem;
  }

  /** The same graph queried with another oversampling factor (for parameter sweeps). */
  public HnswVectorIndex withOversample(int oversample) {
    if (oversample < 1) {
      throw new IllegalArgumentException("oversample was " + oversample + "; use >= 1");
    }
    return new HnswVectorIndex(this, oversample);
  }

  /** Builds the graph over {@code vectors} (row-major {@code n x dim}; kept, not copied). */
  public HnswVectorIndex(float[] vectors, int n, int dim, int m, int beamWidth, int oversample) {
    if (m < 2 || beamWidth < 1 || oversample < 1) {
      throw new IllegalArgumentException("HNSW parameters m=" + m + ", beamWidth=" + beamWidth
          + ", oversample=" + oversample + "; use m >= 2, beamWidth >= 1, oversample >= 1");
    }
    this.vectors = vectors;
    this.n = n;
    this.dim = dim;
    this.oversample = oversample;
    double max = 0;
    for (int i = 0; i < n; i++) {
      double norm2 = 0;
      for (int d = 0; d < dim; d++) {
        norm2 += (double) vectors[i * dim + d] * vectors[i * dim + d];
      }
      max = Math.max(max, Math.sqrt(norm2));
    }
    this.maxNorm = max > 0 ? (float) max : 1f;
    try {
      ByteBuffersDirectory dir = new ByteBuffersDirectory();
      KnnVectorsFormat format = new Lucene99HnswVectorsFormat(m, beamWidth);
      IndexWriterConfig iwc = new IndexWriterConfig()
          .setCodec(new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
              return format;
            }
          })
          .setRAMBufferSizeMB(Math.max(64, (double) n * dim * 4 * 3 / (1 << 20)))
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
      try (IndexWriter w = new IndexWriter(dir, iwc)) {
        for (int i = 0; i < n; i++) {
          float[] v = new float[dim + 1];
          double norm2 = 0;
          for (int d = 0; d < dim; d++) {
            v[d] = vectors[i * dim + d] / maxNorm;
            norm2 += (double) v[d] * v[d];
          }
          v[dim] = (float) Math.sqrt(Math.max(0, 1 - norm2));
          Document d = new Document();
          d.add(new KnnFloatVectorField(FIELD, unit(v), VectorSimilarityFunction.DOT_PRODUCT));
          d.add(new NumericDocValuesField(ITEM, i));
          w.addDocument(d);
        }
        w.commit();
      }
      DirectoryReader reader = DirectoryReader.open(dir);
      this.searcher = new IndexSearcher(reader);
      this.docToItem = new int[reader.maxDoc()];
      Arrays.fill(docToItem, -1);
      for (LeafReaderContext leaf : reader.leaves()) {
        NumericDocValues values = leaf.reader().getNumericDocValues(ITEM);
        for (int doc = values.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS;
            doc = values.nextDoc()) {
          docToItem[leaf.docBase + doc] = (int) values.longValue();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("building the HNSW index in memory failed", e);
    }
  }

  /** Scales {@code v} to norm 1 in place (Lucene checks unit length for DOT_PRODUCT). */
  private static float[] unit(float[] v) {
    double n2 = 0;
    for (float x : v) {
      n2 += (double) x * x;
    }
    if (n2 == 0) {
      v[0] = 1;
      return v;
    }
    float inv = (float) (1 / Math.sqrt(n2));
    for (int d = 0; d < v.length; d++) {
      v[d] *= inv;
    }
    return v;
  }

  @Override
  public int size() {
    return n;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public String kind() {
    return "hnsw";
  }

  @Override
  public int search(float[] query, int k, ItemFilter filter, int[] items, float[] scores) {
    if (n == 0 || k < 1) {
      return 0;
    }
    int ask = (int) Math.min(n, (long) k * oversample);
    TopDocs top;
    try {
      float[] q = new float[dim + 1];
      System.arraycopy(query, 0, q, 0, dim);
      top = searcher.search(new KnnFloatVectorQuery(FIELD, unit(q), ask), ask);
    } catch (IOException e) {
      throw new UncheckedIOException("HNSW search failed", e);
    }
    ScoreDoc[] docs = top.scoreDocs;
    float[] exact = new float[docs.length];
    int[] cand = new int[docs.length];
    int m = 0;
    for (ScoreDoc doc : docs) {
      int item = docToItem[doc.doc];
      if (filter == null || !filter.excluded(item)) {
        cand[m] = item;
        exact[m++] = VectorMath.dot(query, 0, vectors, item * dim, dim);
      }
    }
    // Re-rank the allowed candidates by their exact inner product (ties by item index).
    Integer[] order = new Integer[m];
    for (int r = 0; r < order.length; r++) {
      order[r] = r;
    }
    Arrays.sort(order, (a, b) -> exact[a] != exact[b] ? Float.compare(exact[b], exact[a])
        : Integer.compare(cand[a], cand[b]));
    int found = Math.min(k, m);
    for (int r = 0; r < found; r++) {
      items[r] = cand[order[r]];
      scores[r] = exact[order[r]];
    }
    return found;
  }
}
