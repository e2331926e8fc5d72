package dev.longview.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.longview.core.text.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class TfIdfEncoderTest {
  private static final List<String> CORPUS = List.of("red apple", "green apple", "red car red");

  private static TfIdfEncoder standard(int dim) {
    return TfIdfEncoder.fit(CORPUS, new TfIdfEncoder.Config(dim, 1.2f, 0.75f, 1, "standard"));
  }

  @Test
  void encode_matchesBm25WeightsComputedByHand() {
    TfIdfEncoder enc = standard(4);
    // The vocabulary fits in 4 dimensions: one per term, most frequent first (apple, red: df 2).
    assertThat(IntStream.of(enc.bucketOf("apple"), enc.bucketOf("red"), enc.bucketOf("car"), enc.bucketOf("green")))
        .containsExactly(0, 1, 2, 3);
    // N = 3 documents, 7 tokens: avgdl 7/3. df(red) = df(apple) = 2, df(green) = df(car) = 1.
    double idf2 = Math.log(1 + (3 - 2 + 0.5) / 2.5);
    double idf1 = Math.log(1 + (3 - 1 + 0.5) / 1.5);
    double norm3 = 1.2 * (1 - 0.75 + 0.75 * 3 / (7.0 / 3));
    double red = idf2 * 2 * 2.2 / (2 + norm3);
    double car = idf1 * 1 * 2.2 / (1 + norm3);
    double len = Math.sqrt(red * red + car * car);
    float[] v = enc.encode("red car red");
    assertThat(v).containsExactly(new float[] {0, (float) (red / len), (float) (car / len), 0}, offset(1e-6f));
    assertThat(enc.idf("red")).isCloseTo((float) idf2, offset(1e-6f));
    // "red apple" has equal weights on its two terms, so its cosine with "red car red" is
    // red / len / sqrt(2).
    float cos = TextEncoder.dot(v, enc.encode("red apple"));
    assertThat(cos).isCloseTo((float) (red / len / Math.sqrt(2)), offset(1e-6f));
  }

  @Test
  void encode_unknownWordsStopWordsAndEmptyText_giveTheZeroVector() {
    TfIdfEncoder enc = TfIdfEncoder.fit(CORPUS);
    assertThat(enc.encode("")).containsOnly(0f);
    assertThat(enc.encode("submarine zebra")).containsOnly(0f);
    assertThat(enc.encode("the and of")).containsOnly(0f);
    assertThat(enc.encode("RED Apples!")).isEqualTo(enc.encode("red apple"));
  }

  @Test
  void englishAnalyzer_stemsSoPluralsAndCaseMatch() {
    TfIdfEncoder enc = TfIdfEncoder.fit(List.of("Movies about space", "a cooking show"));
    assertThat(TextEncoder.dot(enc.encode("movie"), enc.encode("MOVIES"))).isCloseTo(1f, offset(1e-6f));
    assertThat(TextEncoder.dot(enc.encode("movie"), enc.encode("cooking"))).isZero();
  }

  @Test
  void fit_isDeterministic_andEncodeIsThreadSafe() {
    List<String> corpus = randomCorpus(new Random(7), 300);
    TfIdfEncoder a = TfIdfEncoder.fit(corpus);
    TfIdfEncoder b = TfIdfEncoder.fit(corpus);
    float[][] sequential = a.encodeAll(corpus);
    float[][] parallel = new float[corpus.size()][];
    IntStream.range(0, corpus.size()).parallel().forEach(i -> parallel[i] = a.encode(corpus.get(i)));
    for (int i = 0; i < corpus.size(); i++) {
      assertThat(b.encode(corpus.get(i))).isEqualTo(sequential[i]);
      assertThat(parallel[i]).isEqualTo(sequential[i]);
    }
    assertThat(a.name()).contains("dim=512").contains("docs=300");
  }

  @RepeatedTest(5)
  void everyVector_hasUnitNormOrIsZero(org.junit.jupiter.api.RepetitionInfo info) {
    Random r = new Random(info.getCurrentRepetition());
    List<String> corpus = randomCorpus(r, 50);
    TfIdfEncoder enc = TfIdfEncoder.fit(corpus, TfIdfEncoder.Config.defaults().withDimension(1 + r.nextInt(64)));
    for (String text : randomCorpus(r, 50)) {
      float[] v = enc.encode(text);
      assertThat(v).hasSize(enc.dimension());
      float n = TextEncoder.dot(v, v);
      assertThat(n == 0f || Math.abs(n - 1f) < 1e-5f).as("norm^2 %s of %s", n, text).isTrue();
    }
  }

  @Test
  void config_refusesBadValuesWithTheFix() {
    assertThatThrownBy(() -> new TfIdfEncoder.Config(0, 1.2f, 0.75f, 1, "english"))
        .hasMessageContaining("dimension was 0");
    assertThatThrownBy(() -> new TfIdfEncoder.Config(8, 1.2f, 1.5f, 1, "english"))
        .hasMessageContaining("b was 1.5");
    assertThatThrownBy(() -> new TfIdfEncoder.Config(8, 1.2f, 0.5f, 1, "klingon"))
        .hasMessageContaining("analyzer \"klingon\" is unknown; use english or standard");
    assertThatThrownBy(() -> TfIdfEncoder.fit(java.util.Arrays.asList("a", null)))
        .hasMessageContaining("text 1 of the corpus is null");
    assertThatThrownBy(() -> TfIdfEncoder.fit(CORPUS).encode(null)).hasMessageContaining("text is null");
  }

  @Test
  void aVocabularyLargerThanTheDimension_keepsTheFrequentHeadExact_andHashesTheTail() {
    List<String> corpus = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      corpus.add("common" + (i % 2 == 0 ? " shared" : "") + " rare" + i);
    }
    TfIdfEncoder enc = TfIdfEncoder.fit(corpus, new TfIdfEncoder.Config(8, 1.2f, 0.75f, 1, "standard"));
    assertThat(enc.termCount()).isEqualTo(42);
    // Head = 8 / 2 = 4 terms by document frequency: common (40), shared (20), then rare0, rare1.
    assertThat(enc.bucketOf("common")).isEqualTo(0);
    assertThat(enc.bucketOf("shared")).isEqualTo(1);
    for (int i = 2; i < 40; i++) {
      assertThat(enc.bucketOf("rare" + i)).isBetween(4, 7);
    }
  }

  @Test
  void minDocFreq_dropsRareTerms() {
    TfIdfEncoder enc = TfIdfEncoder.fit(CORPUS, new TfIdfEncoder.Config(64, 1.2f, 0.75f, 2, "standard"));
    assertThat(enc.termCount()).isEqualTo(2); // red, apple
    assertThat(enc.encode("green car")).containsOnly(0f);
  }

  static List<String> randomCorpus(Random r, int n) {
    String[] words = {"space", "war", "love", "story", "the", "dark", "knight", "toy", "comedy",
        "drama", "sci-fi", "alien", "robot", "music", "of", "city", "night", "a", "Zoë", "42"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(8);
      for (int k = 0; k < len; k++) {
        sb.append(words[r.nextInt(words.length)]).append(r.nextBoolean() ? " " : ", ");
      }
      out.add(sb.toString());
    }
    return out;
  }
}
