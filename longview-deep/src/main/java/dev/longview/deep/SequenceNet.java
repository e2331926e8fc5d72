package dev.longview.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The shared skeleton of the sequential networks: an item embedding table with row 0 for padding
 * (item {@code i} of the snapshot is row {@code i + 1}), a body that maps a left-padded window of
 * item rows {@code (batch, length)} to hidden states {@code (batch, length, dim)}, and scores that
 * are dot products of a hidden state with every item embedding (the output layer shares the input
 * embedding, as in SASRec).
 */
abstract class SequenceNet extends AbstractBlock {
  private static final byte VERSION = 1;
  final int vocabulary;
  final int dim;
  final int maxLength;
  final Parameter itemEmbedding;

  SequenceNet(int vocabulary, int dim, int maxLength) {
    super(VERSION);
    this.vocabulary = vocabulary;
    this.dim = dim;
    this.maxLength = maxLength;
    this.itemEmbedding = addParameter(Parameter.builder().setName("item_embedding")
        .setType(Parameter.Type.WEIGHT).optShape(new Shape(vocabulary, dim))
        .optInitializer(new NormalInitializer(0.02f)).build());
  }

  /** Item embeddings {@code (vocabulary, dim)} as the given store holds them. */
  NDArray items(ParameterStore store, NDArray like, boolean training) {
    return store.getValue(itemEmbedding, like.getDevice(), training);
  }

  /** Hidden states {@code (batch, length, dim)} of a window of item rows {@code (batch, length)}. */
  abstract NDArray hidden(ParameterStore store, NDArray rows, boolean training);

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(hidden(store, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1), dim)};
  }
}
