package dev.longview.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;

/**
 * GRU4Rec-style next-item network (Hidasi et al., "Session-based Recommendations with Recurrent
 * Neural Networks", ICLR 2016; trained here on whole user histories with full softmax
 * cross-entropy): item embedding, dropout, a {@code layers}-deep GRU with state size {@code dim}
 * (PyTorch's fused kernel through DJL), dropout, and scores as dot products with the shared item
 * embeddings.
 */
final class Gru4RecNet extends SequenceNet {
  private final int layers;
  private final float dropout;
  private final GRU gru;

  Gru4RecNet(int vocabulary, int dim, int layers, int maxLength, float dropout) {
    super(vocabulary, dim, maxLength);
    this.layers = layers;
    this.dropout = dropout;
    this.gru = addChildBlock("gru", GRU.builder().setStateSize(dim).setNumLayers(layers)
        .optBatchFirst(true).optReturnState(false).optDropRate(layers > 1 ? dropout : 0f).build());
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    gru.initialize(manager, dataType, new Shape(in.get(0), in.get(1), dim));
  }

  @Override
  NDArray hidden(ParameterStore store, NDArray rows, boolean training) {
    NDArray x = Embedding.embedding(rows, items(store, rows, training), SparseFormat.DENSE).singletonOrThrow();
    x = Dropout.dropout(x, dropout, training).singletonOrThrow();
    NDArray h = gru.forward(store, new NDList(x), training).head();
    return Dropout.dropout(h, dropout, training).singletonOrThrow();
  }

  int layers() {
    return layers;
  }
}
