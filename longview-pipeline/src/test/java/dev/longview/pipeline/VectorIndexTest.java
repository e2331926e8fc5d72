package dev.longview.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** HNSW against exact search on small data; the real-data numbers are in BENCHMARKS.md. */
class VectorIndexTest {
  /** Clustered vectors with varied norms, like factor-model item vectors. */
  static float[] clustered(int n, int dim, long seed) {
    return clustered(n, dim, 99, seed);
  }

  /** {@code n} points around the 20 centres drawn with {@code centreSeed}. */
  static float[] clustered(int n, int dim, long centreSeed, long seed) {
    SplittableRandom cr = new SplittableRandom(centreSeed);
    SplittableRandom r = new SplittableRandom(seed);
    int clusters = 20;
    float[][] centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int d = 0; d < dim; d++) {
        c[d] = (float) cr.nextGaussian();
      }
    }
    float[] v = new float[n * dim];
    for (int i = 0; i < n; i++) {
      float[] c = centres[r.nextInt(clusters)];
      float scale = (float) (0.5 + r.nextDouble());
      for (int d = 0; d < dim; d++) {
        v[i * dim + d] = scale * (c[d] + 0.7f * (float) r.nextGaussian());
      }
    }
    return v;
  }

  static double recallAt10(VectorIndex approx, VectorIndex exact, float[] queries, int count,
      int dim) {
    int hits = 0;
    int[] a = new int[10];
    int[] e = new int[10];
    float[] s = new float[10];
    float[] q = new float[dim];
    for (int k = 0; k < count; k++) {
      System.arraycopy(queries, k * dim, q, 0, dim);
      int fa = approx.search(q, 10, null, a, s);
      int fe = exact.search(q, 10, null, e, s);
      for (int x = 0; x < fe; x++) {
        for (int y = 0; y < fa; y++) {
          if (e[x] == a[y]) {
            hits++;
            break;
          }
        }
      }
    }
    return hits / (10.0 * count);
  }

  @Test
  void exact_returnsTheLargestInnerProducts_bestFirst() {
    float[] v = {1, 0, 0, 1, 2, 2, -1, 0};
    ExactVectorIndex index = new ExactVectorIndex(v, 4, 2);
    int[] items = new int[3];
    float[] scores = new float[3];
    assertThat(index.search(new float[] {1, 0.5f}, 3, null, items, scores)).isEqualTo(3);
    assertThat(items).containsExactly(2, 0, 1);
    assertThat(scores).containsExactly(3f, 1f, 0.5f);
  }

  @Test
  void hnsw_recallAt10_againstExact_isAtLeast095_withTheDefaults() {
    int n = 3_000;
    int dim = 16;
    float[] vectors = clustered(n, dim, 1);
    float[] queries = clustered(200, dim, 2);
    PipelineConfig c = PipelineConfig.defaults();
    VectorIndex hnsw = new HnswVectorIndex(vectors, n, dim, c.hnswM(), c.hnswBeamWidth(),
        c.hnswOversample());
    VectorIndex exact = new ExactVectorIndex(vectors, n, dim);
    assertThat(hnsw.kind()).isEqualTo("hnsw");
    assertThat(recallAt10(hnsw, exact, queries, 200, dim)).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void build_usesExactSearch_belowTheThreshold() {
    float[] v = clustered(100, 8, 3);
    assertThat(VectorIndex.build(v, 100, 8, PipelineConfig.defaults()).kind()).isEqualTo("exact");
    assertThat(VectorIndex.build(v, 100, 8, PipelineConfig.defaults().withExactSearchBelow(50))
        .kind()).isEqualTo("hnsw");
  }

  /**
   * Seeded property: the norm-ordered scan with its early stop returns what scoring every vector
   * and selecting with the shared TopK returns (items, order, scores up to float rounding; items
   * swapped only among near-ties), with a filter.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {1, 5, 42, 77})
  void exact_equalsScoringEveryVector(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 50 + r.nextInt(2_000);
    int dim = 1 + r.nextInt(40);
    float[] v = clustered(n, dim, seed);
    for (int i = 0; i < n; i += 3) { // a long tail of short vectors, as factor models have
      float shrink = (float) r.nextDouble() * 0.1f;
      for (int d = 0; d < dim; d++) {
        v[i * dim + d] *= shrink;
      }
    }
    ExactVectorIndex index = new ExactVectorIndex(v, n, dim);
    dev.longview.core.model.ItemFilter filter = new dev.longview.core.model.ItemFilter(n);
    for (int i = 0; i < n; i += 5) {
      filter.exclude(i);
    }
    float[] all = new float[n];
    for (int t = 0; t < 20; t++) {
      int k = 1 + r.nextInt(120);
      float[] q = new float[dim];
      for (int d = 0; d < dim; d++) {
        q[d] = (float) r.nextGaussian();
      }
      dev.longview.algorithms.VectorMath.dotRows(q, v, 0, n, dim, all, 0);
      int[] want = new int[k];
      float[] wantScores = new float[k];
      int wantFound = new dev.longview.core.model.TopK(k).select(all, n, filter, want, wantScores);
      int[] got = new int[k];
      float[] gotScores = new float[k];
      assertThat(index.search(q, k, filter, got, gotScores)).isEqualTo(wantFound);
      // The same items in the same order, up to float rounding: the SIMD kernel's lane
      // reduction may differ in the last bit between JIT tiers (Vector API reduceLanes(ADD) is
      // not strictly ordered), so an item may trade places only with a near-tie.
      for (int j = 0; j < wantFound; j++) {
        float tol = 1e-5f * Math.max(1f, Math.abs(wantScores[j]));
        assertThat(gotScores[j]).as("score at rank %d", j).isCloseTo(wantScores[j],
            org.assertj.core.data.Offset.offset(tol));
        if (got[j] != want[j]) {
          assertThat(all[got[j]]).as("rank %d: item %d instead of %d, not a tie", j, got[j],
              want[j]).isCloseTo(wantScores[j], org.assertj.core.data.Offset.offset(tol));
        }
      }
    }
  }
}
