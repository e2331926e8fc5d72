package dev.longview.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.ArrayList;
import java.util.List;

/**
 * SASRec (Kang and McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018): item
 * embeddings scaled by sqrt(dim) plus learned position embeddings, dropout, then {@code layers}
 * blocks of causal multi-head self-attention (queries from the layer-normalised input, keys and
 * values from the input, residual on the normalised queries as in the reference code) and a
 * point-wise two-layer ReLU feed-forward network with pre-layer-norm and residual, and a final
 * layer norm. Padding positions are zeroed after every block and never attended to. The hidden
 * state at position t only depends on items at positions <= t.
 */
final class SasRecNet extends SequenceNet {
  private final int layers;
  private final int heads;
  private final float dropout;
  private final Parameter positions;
  private final List<Parameter[]> blocks = new ArrayList<>();
  private final Parameter finalGamma;
  private final Parameter finalBeta;

  SasRecNet(int vocabulary, int dim, int layers, int heads, int maxLength, float dropout) {
    super(vocabulary, dim, maxLength);
    this.layers = layers;
    this.heads = heads;
    this.dropout = dropout;
    this.positions = addParameter(Parameter.builder().setName("position_embedding")
        .setType(Parameter.Type.WEIGHT).optShape(new Shape(maxLength, dim))
        .optInitializer(new NormalInitializer(0.02f)).build());
    for (int b = 0; b < layers; b++) {
      String p = "block" + b + "_";
      blocks.add(new Parameter[] {
          norm(p + "attention_gamma", true), norm(p + "attention_beta", false),
          weight(p + "query"), bias(p + "query_bias"),
          weight(p + "key"), bias(p + "key_bias"),
          weight(p + "value"), bias(p + "value_bias"),
          weight(p + "output"), bias(p + "output_bias"),
          norm(p + "ffn_gamma", true), norm(p + "ffn_beta", false),
          weight(p + "ffn1"), bias(p + "ffn1_bias"),
          weight(p + "ffn2"), bias(p + "ffn2_bias")});
    }
    this.finalGamma = norm("final_gamma", true);
    this.finalBeta = norm("final_beta", false);
  }

  private Parameter weight(String name) {
    return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(dim, dim)).optInitializer(new XavierInitializer()).build());
  }

  private Parameter bias(String name) {
    return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.BIAS)
        .optShape(new Shape(dim)).optInitializer(new ConstantInitializer(0f)).build());
  }

  private Parameter norm(String name, boolean gamma) {
    return addParameter(Parameter.builder().setName(name)
        .setType(gamma ? Parameter.Type.GAMMA : Parameter.Type.BETA).optShape(new Shape(dim))
        .optInitializer(new ConstantInitializer(gamma ? 1f : 0f)).build());
  }

  @Override
  NDArray hidden(ParameterStore store, NDArray rows, boolean training) {
    long batch = rows.getShape().get(0);
    int length = (int) rows.getShape().get(1);
    var device = rows.getDevice();
    NDArray items = items(store, rows, training);
    NDArray keep = rows.neq(0).toType(DataType.FLOAT32, false).expandDims(2); // (B, L, 1)
    NDArray pos = store.getValue(positions, device, training)
        .get("{}:", maxLength - length); // the last `length` positions: the newest item is last
    NDArray x = Embedding.embedding(rows, items, SparseFormat.DENSE).singletonOrThrow()
        .mul(constant(rows, Math.sqrt(dim))).add(pos);
    x = Dropout.dropout(x, dropout, training).singletonOrThrow().mul(keep);
    // Additive mask (B, 1, L, L): -1e9 on future positions and on padded keys.
    float[] futureMask = new float[length * length];
    for (int i = 0; i < length; i++) {
      for (int j = i + 1; j < length; j++) {
        futureMask[i * length + j] = -1e9f;
      }
    }
    NDArray future = rows.getManager().create(futureMask, new Shape(length, length)).toDevice(device, false);
    NDArray paddedKey = rows.eq(0).toType(DataType.FLOAT32, false).mul(-1e9f)
        .reshape(batch, 1, 1, length);
    NDArray mask = paddedKey.add(future.reshape(1, 1, length, length));
    int headDim = dim / heads;
    Shape norm = new Shape(dim);
    for (Parameter[] p : blocks) {
      NDArray q = LayerNorm.layerNorm(x, norm, value(store, p[0], device, training),
          value(store, p[1], device, training), 1e-8f).singletonOrThrow();
      NDArray qh = split(linear(store, q, p[2], p[3], training), batch, length, heads, headDim);
      NDArray kh = split(linear(store, x, p[4], p[5], training), batch, length, heads, headDim);
      NDArray vh = split(linear(store, x, p[6], p[7], training), batch, length, heads, headDim);
      NDArray attention = qh.matMul(kh.transpose(0, 1, 3, 2)).div(constant(rows, Math.sqrt(headDim))).add(mask)
          .softmax(-1);
      attention = Dropout.dropout(attention, dropout, training).singletonOrThrow();
      NDArray context = attention.matMul(vh).transpose(0, 2, 1, 3).reshape(batch, length, dim);
      NDArray attended = linear(store, context, p[8], p[9], training);
      x = q.add(Dropout.dropout(attended, dropout, training).singletonOrThrow());
      NDArray f = LayerNorm.layerNorm(x, norm, value(store, p[10], device, training),
          value(store, p[11], device, training), 1e-8f).singletonOrThrow();
      NDArray h = Dropout.dropout(Activation.relu(linear(store, f, p[12], p[13], training)), dropout, training).singletonOrThrow();
      h = Dropout.dropout(linear(store, h, p[14], p[15], training), dropout, training).singletonOrThrow();
      x = f.add(h).mul(keep);
    }
    return LayerNorm.layerNorm(x, norm, value(store, finalGamma, device, training),
        value(store, finalBeta, device, training), 1e-8f).singletonOrThrow();
  }

  private static NDArray value(ParameterStore store, Parameter p, ai.djl.Device device, boolean training) {
    return store.getValue(p, device, training);
  }

  private static NDArray linear(ParameterStore store, NDArray x, Parameter w, Parameter b, boolean training) {
    return Linear.linear(x, store.getValue(w, x.getDevice(), training),
        store.getValue(b, x.getDevice(), training)).singletonOrThrow();
  }

  /** (B, L, dim) -> (B, heads, L, headDim). */
  private static NDArray split(NDArray x, long batch, int length, int heads, int headDim) {
    return x.reshape(batch, length, heads, headDim).transpose(0, 2, 1, 3);
  }

  int layers() {
    return layers;
  }

  int heads() {
    return heads;
  }
}
