package dev.longview.text.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A tiny BERT-shaped encoder written from the test itself: a WordPiece {@code tokenizer.json} over
 * a 24-entry vocabulary and an ONNX graph whose "last hidden state" is a token embedding lookup
 * ({@code Gather(E, input_ids)}), plus a token-type embedding ({@code Gather(T, token_type_ids)})
 * in the variant that takes token types. So the expected sentence vector of any text is the
 * masked mean of known rows of {@code E} (and {@code T[0]}), computable by hand. Run as a program
 * ({@code TinyBert DIR}) it writes the model directory for the encode-throughput benchmark.
 */
final class TinyBert {
  static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "cat",
      "sat", "on", "mat", "dog", "ran", "toy", "story", "space", "alien", "horror", "comedy", "war",
      "love", "star", "##s", "##ing", "a", "of");
  static final int PAD = 0;
  static final int UNK = 1;
  static final int CLS = 2;
  static final int SEP = 3;

  final int hidden;
  final boolean tokenTypes;
  final float[][] embeddings;
  final float[][] typeEmbeddings;

  TinyBert(int hidden, boolean tokenTypes, long seed) {
    this.hidden = hidden;
    this.tokenTypes = tokenTypes;
    Random r = new Random(seed);
    embeddings = new float[VOCAB.size()][hidden];
    for (float[] row : embeddings) {
      for (int h = 0; h < hidden; h++) {
        row[h] = (float) r.nextGaussian();
      }
    }
    typeEmbeddings = new float[2][hidden];
    for (float[] row : typeEmbeddings) {
      for (int h = 0; h < hidden; h++) {
        row[h] = (float) r.nextGaussian() * 0.5f;
      }
    }
  }

  static int id(String token) {
    int i = VOCAB.indexOf(token);
    if (i < 0) {
      throw new IllegalArgumentException(token + " is not in the tiny vocabulary");
    }
    return i;
  }

  /** The sentence vector the encoder must return for these token ids: masked mean, normalised. */
  float[] expected(int... ids) {
    double[] sum = new double[hidden];
    for (int id : ids) {
      for (int h = 0; h < hidden; h++) {
        sum[h] += embeddings[id][h] + (tokenTypes ? typeEmbeddings[0][h] : 0f);
      }
    }
    double norm = 0;
    for (int h = 0; h < hidden; h++) {
      sum[h] /= ids.length;
      norm += sum[h] * sum[h];
    }
    float[] v = new float[hidden];
    for (int h = 0; h < hidden; h++) {
      v[h] = (float) (sum[h] / Math.sqrt(norm));
    }
    return v;
  }

  /** Writes model.onnx and tokenizer.json into {@code dir} (created if needed). */
  Path write(Path dir) {
    return write(dir, List.of("input_ids", "attention_mask"));
  }

  /** Same, with the graph's id inputs named as given (the first feeds the embedding lookup). */
  Path write(Path dir, List<String> idInputs) {
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve("model.onnx"), model(idInputs).toByteArray());
      Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ModelProto model(List<String> idInputs) {
    GraphProto.Builder g = GraphProto.newBuilder().setName("tiny-bert");
    for (String name : idInputs) {
      g.addInput(value(name, TensorProto.DataType.INT64, false));
    }
    g.addInitializer(matrix("E", embeddings));
    String lookup = tokenTypes ? "word" : "last_hidden_state";
    g.addNode(NodeProto.newBuilder().setOpType("Gather").setName("embed")
        .addInput("E").addInput(idInputs.get(0)).addOutput(lookup));
    if (tokenTypes) {
      g.addInput(value("token_type_ids", TensorProto.DataType.INT64, false));
      g.addInitializer(matrix("T", typeEmbeddings));
      g.addNode(NodeProto.newBuilder().setOpType("Gather").setName("types")
          .addInput("T").addInput("token_type_ids").addOutput("type"));
      g.addNode(NodeProto.newBuilder().setOpType("Add").setName("sum")
          .addInput("word").addInput("type").addOutput("last_hidden_state"));
    }
    g.addOutput(value("last_hidden_state", TensorProto.DataType.FLOAT, true));
    return ModelProto.newBuilder().setIrVersion(8).setProducerName("longview-test")
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(g).build();
  }

  private ValueInfoProto value(String name, TensorProto.DataType type, boolean hiddenDim) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("sequence"));
    if (hiddenDim) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(hidden));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
        .build();
  }

  private static TensorProto matrix(String name, float[][] m) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name)
        .setDataType(TensorProto.DataType.FLOAT.getNumber()).addDims(m.length).addDims(m[0].length);
    for (float[] row : m) {
      for (float x : row) {
        t.addFloatData(x);
      }
    }
    return t.build();
  }

  /** A BERT-style WordPiece tokenizer.json (lower case, [CLS] ... [SEP]) over {@link #VOCAB}. */
  static String tokenizerJson() {
    List<String> added = new ArrayList<>();
    StringBuilder vocab = new StringBuilder();
    for (int i = 0; i < VOCAB.size(); i++) {
      String t = VOCAB.get(i);
      if (t.startsWith("[")) {
        added.add("{\"id\":" + i + ",\"content\":\"" + t + "\",\"single_word\":false,\"lstrip\":false,"
            + "\"rstrip\":false,\"normalized\":false,\"special\":true}");
      }
      vocab.append(i == 0 ? "" : ",").append('"').append(t).append("\":").append(i);
    }
    return """
        {"version":"1.0","truncation":null,"padding":null,
         "added_tokens":[%s],
         "normalizer":{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,"strip_accents":null,"lowercase":true},
         "pre_tokenizer":{"type":"BertPreTokenizer"},
         "post_processor":{"type":"TemplateProcessing",
           "single":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":0}}],
           "pair":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":0}},{"Sequence":{"id":"B","type_id":1}},{"SpecialToken":{"id":"[SEP]","type_id":1}}],
           "special_tokens":{"[CLS]":{"id":"[CLS]","ids":[2],"tokens":["[CLS]"]},"[SEP]":{"id":"[SEP]","ids":[3],"tokens":["[SEP]"]}}},
         "decoder":{"type":"WordPiece","prefix":"##","cleanup":true},
         "model":{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##","max_input_chars_per_word":100,
           "vocab":{%s}}}
        """.formatted(String.join(",", added), vocab);
  }

  /** Writes the tiny model (hidden size 384 by default, as all-MiniLM-L6-v2) for benchmarks. */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: TinyBert DIR [HIDDEN]");
      System.exit(2);
    }
    int hidden = args.length > 1 ? Integer.parseInt(args[1]) : 384;
    Path dir = new TinyBert(hidden, true, 42).write(Path.of(args[0]));
    System.out.println("wrote " + dir.resolve("model.onnx") + " and " + dir.resolve("tokenizer.json"));
  }
}
