package dev.longview.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
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

  /**
   * A float scalar on {@code like}'s manager and device, allocated by PyTorch: what the networks
   * multiply by instead of a Java number. DJL's {@code NDArray.mul(Number)} (and {@code div},
   * {@code sub}, ... with a number) wraps the number in a tensor over a Java direct buffer
   * ({@code from_blob}) and closes it right after the operation; autograd keeps that tensor for
   * the backward pass (the gradient of {@code x * c} is {@code grad * c}), so backward read memory
   * that the garbage collector could free, and reuse, in between: a training of the same seed
   * diverged to NaN at epoch 1 depending on when a collection ran ({@code
   * SequenceDeterminismTest} reproduces it by collecting during training). A tensor PyTorch
   * allocates itself is kept alive by the autograd graph that uses it.
   */
  static NDArray constant(NDArray like, double value) {
    return like.getManager().full(new Shape(), (float) value, DataType.FLOAT32)
        .toDevice(like.getDevice(), false);
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
