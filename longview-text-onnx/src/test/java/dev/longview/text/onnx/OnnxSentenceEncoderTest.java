package dev.longview.text.onnx;

import static dev.longview.text.onnx.TinyBert.CLS;
import static dev.longview.text.onnx.TinyBert.SEP;
import static dev.longview.text.onnx.TinyBert.UNK;
import static dev.longview.text.onnx.TinyBert.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.longview.core.text.TextEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxSentenceEncoderTest {
  @TempDir Path tmp;

  private static void assertVector(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int h = 0; h < expected.length; h++) {
      assertThat(actual[h]).as("component %d", h).isCloseTo(expected[h], offset(1e-5f));
    }
  }

  @Test
  void encode_isTheMaskedMeanOfTheTokenVectors_computedByHand() {
    TinyBert bert = new TinyBert(8, true, 1);
    try (OnnxSentenceEncoder enc = OnnxSentenceEncoder.open(bert.write(tmp.resolve("m")))) {
      assertThat(enc.dimension()).isEqualTo(8);
      assertThat(enc.takesTokenTypeIds()).isTrue();
      // Lower-cased, split into WordPieces ("cats" = cat ##s), unknown words -> [UNK], [CLS] ... [SEP].
      assertThat(enc.tokenIds("The cats sat, zebra!")).containsExactly(
          CLS, id("the"), id("cat"), id("##s"), id("sat"), UNK, UNK, UNK, SEP);
      float[] v = enc.encode("The cats sat, zebra!");
      assertVector(v, bert.expected(CLS, id("the"), id("cat"), id("##s"), id("sat"), UNK, UNK, UNK, SEP));
      assertThat(TextEncoder.dot(v, v)).isCloseTo(1f, offset(1e-5f));
    }
  }

  @Test
  void encodeAll_padsABatchWithoutChangingAnyVector() {
    TinyBert bert = new TinyBert(6, true, 2);
    List<String> texts = List.of("star", "the dog ran on a mat of the toy story", "", "love war");
    try (OnnxSentenceEncoder enc = OnnxSentenceEncoder.open(bert.write(tmp.resolve("m")),
        new OnnxSentenceEncoder.Config(64, 3, 1))) {
      float[][] batch = enc.encodeAll(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertVector(batch[i], enc.encode(texts.get(i)));
      }
      // The short text in a padded batch: [PAD] rows (E[0], non-zero here) must not leak in.
      assertVector(batch[0], bert.expected(CLS, id("star"), SEP));
      assertVector(batch[2], bert.expected(CLS, SEP));
    }
  }

  @Test
  void graphWithoutTokenTypes_isFedOnlyIdsAndMask() {
    TinyBert bert = new TinyBert(5, false, 3);
    try (OnnxSentenceEncoder enc = OnnxSentenceEncoder.open(bert.write(tmp.resolve("m")))) {
      assertThat(enc.takesTokenTypeIds()).isFalse();
      assertVector(enc.encode("alien horror"), bert.expected(CLS, id("alien"), id("horror"), SEP));
    }
  }

  @Test
  void longTexts_areTruncatedToMaxLengthTokens() {
    TinyBert bert = new TinyBert(4, true, 4);
    try (OnnxSentenceEncoder enc = OnnxSentenceEncoder.open(bert.write(tmp.resolve("m")),
        new OnnxSentenceEncoder.Config(4, 32, 0))) {
      assertThat(enc.tokenIds("the cat sat on the mat")).containsExactly(CLS, id("the"), id("cat"), SEP);
      assertVector(enc.encode("the cat sat on the mat"), bert.expected(CLS, id("the"), id("cat"), SEP));
    }
  }

  @Test
  void encode_isThreadSafe() {
    TinyBert bert = new TinyBert(8, true, 5);
    List<String> texts = IntStream.range(0, 64).mapToObj(i -> "the cat " + "sat ".repeat(i % 7) + "story").toList();
    try (OnnxSentenceEncoder enc = OnnxSentenceEncoder.open(bert.write(tmp.resolve("m")))) {
      float[][] sequential = enc.encodeAll(texts);
      float[][] parallel = new float[texts.size()][];
      IntStream.range(0, texts.size()).parallel().forEach(i -> parallel[i] = enc.encode(texts.get(i)));
      for (int i = 0; i < texts.size(); i++) {
        assertVector(parallel[i], sequential[i]);
      }
    }
  }

  @Test
  void closedEncoder_saysSo() {
    OnnxSentenceEncoder enc = OnnxSentenceEncoder.open(new TinyBert(4, false, 6).write(tmp.resolve("m")));
    enc.close();
    enc.close();
    assertThatThrownBy(() -> enc.encode("cat")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was closed");
  }

  @Test
  void missingDirectoryOrFiles_areNamedWithWhatIsExpected() throws IOException {
    assertThatThrownBy(() -> OnnxSentenceEncoder.open(tmp.resolve("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope does not exist").hasMessageContaining("model.onnx and tokenizer.json");
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThatThrownBy(() -> OnnxSentenceEncoder.open(file)).hasMessageContaining("is a file, not a directory");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> OnnxSentenceEncoder.open(empty))
        .hasMessageContaining(empty.resolve("model.onnx") + " is missing");
    Path noTokenizer = new TinyBert(4, false, 7).write(tmp.resolve("nt"));
    Files.delete(noTokenizer.resolve("tokenizer.json"));
    assertThatThrownBy(() -> OnnxSentenceEncoder.open(noTokenizer))
        .hasMessageContaining(noTokenizer.resolve("tokenizer.json") + " is missing");
  }

  @Test
  void invalidFiles_areRefusedWithTheReason() throws IOException {
    Path badModel = new TinyBert(4, false, 8).write(tmp.resolve("bm"));
    Files.write(badModel.resolve("model.onnx"), new byte[] {1, 2, 3, 4, 5});
    assertThatThrownBy(() -> OnnxSentenceEncoder.open(badModel))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(badModel.resolve("model.onnx") + " is not a model ONNX Runtime can load");
    Path badTokenizer = new TinyBert(4, false, 9).write(tmp.resolve("bt"));
    Files.writeString(badTokenizer.resolve("tokenizer.json"), "{\"model\": 42}");
    assertThatThrownBy(() -> OnnxSentenceEncoder.open(badTokenizer))
        .hasMessageContaining("tokenizer.json cannot be read by the HuggingFace tokenizers library");
    Path wrongInputs = new TinyBert(4, false, 10).write(tmp.resolve("wi"), List.of("pixels"));
    assertThatThrownBy(() -> OnnxSentenceEncoder.open(wrongInputs))
        .hasMessageContaining("takes inputs [pixels]; expected input_ids and attention_mask");
  }

  @Test
  void sentenceTransformersLayout_onnxSubfolder_isAccepted() throws IOException {
    TinyBert bert = new TinyBert(4, false, 11);
    Path dir = bert.write(tmp.resolve("st"));
    Files.createDirectories(dir.resolve("onnx"));
    Files.move(dir.resolve("model.onnx"), dir.resolve("onnx").resolve("model.onnx"));
    try (OnnxSentenceEncoder enc = OnnxSentenceEncoder.open(dir)) {
      assertVector(enc.encode("dog"), bert.expected(CLS, id("dog"), SEP));
    }
  }

  @Test
  void config_refusesBadValues() {
    assertThatThrownBy(() -> new OnnxSentenceEncoder.Config(1, 32, 0)).hasMessageContaining("maxLength was 1");
    assertThatThrownBy(() -> new OnnxSentenceEncoder.Config(8, 0, 0)).hasMessageContaining("batchSize was 0");
  }
}
