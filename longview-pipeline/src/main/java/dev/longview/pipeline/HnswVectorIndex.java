package dev.longview.pipeline;

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
 * a {@link KnnFloatVectorField} ({@link VectorSimilarityFunction#MAXIMUM_INNER_PRODUCT}) and the
 * item index as a doc value.
 *
 * <p>A query asks the graph for {@code k * oversample} neighbours (Lucene uses the query's k as
 * the search beam, so oversampling widens the search), re-scores them exactly against the kept
 * vectors and returns the best k. Parameters: {@code m} (graph degree, Lucene's maxConn) and
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
  private final IndexSearcher searcher;
  /** Global Lucene doc id -> item index. */
  private final int[] docToItem;

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
        float[] v = new float[dim];
        for (int i = 0; i < n; i++) {
          System.arraycopy(vectors, i * dim, v, 0, dim);
          Document d = new Document();
          d.add(new KnnFloatVectorField(FIELD, v.clone(),
              VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT));
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
  public int search(float[] query, int k, int[] items, float[] scores) {
    if (n == 0 || k < 1) {
      return 0;
    }
    int ask = (int) Math.min(n, (long) k * oversample);
    TopDocs top;
    try {
      top = searcher.search(new KnnFloatVectorQuery(FIELD, query, ask), ask);
    } catch (IOException e) {
      throw new UncheckedIOException("HNSW search failed", e);
    }
    ScoreDoc[] docs = top.scoreDocs;
    float[] exact = new float[docs.length];
    int[] cand = new int[docs.length];
    for (int r = 0; r < docs.length; r++) {
      cand[r] = docToItem[docs[r].doc];
      exact[r] = ExactVectorIndex.dot(query, vectors, cand[r] * dim, dim);
    }
    // Re-rank the candidates by their exact inner product (ties by item index).
    Integer[] order = new Integer[docs.length];
    for (int r = 0; r < order.length; r++) {
      order[r] = r;
    }
    Arrays.sort(order, (a, b) -> exact[a] != exact[b] ? Float.compare(exact[b], exact[a])
        : Integer.compare(cand[a], cand[b]));
    int found = Math.min(k, docs.length);
    for (int r = 0; r < found; r++) {
      items[r] = cand[order[r]];
      scores[r] = exact[order[r]];
    }
    return found;
  }
}
