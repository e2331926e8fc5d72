package dev.longview.pipeline;

import dev.longview.core.text.TextEncoder;
import dev.longview.text.TfIdfEncoder;
import java.util.List;

/**
 * How a training gets the text encoder of its {@link ModelSet}: called once per training with
 * the text of every item of the snapshot (title and categories, {@link
 * dev.longview.core.text.ItemText}), in item index order. The TF-IDF/BM25 encoder fits itself on
 * that corpus; a pre-trained encoder (the ONNX sentence encoder of {@code longview-text-onnx},
 * opened once by the caller) ignores it and returns itself. Must be thread-safe if trainings
 * overlap (they do not in the server).
 */
@FunctionalInterface
public interface TextEncoderFactory {
  /** The encoder for a training over {@code corpus} (one text per item). */
  TextEncoder create(List<String> corpus);

  /** The default: {@link TfIdfEncoder#fit} on the snapshot's item texts, default config. */
  static TextEncoderFactory tfidf() {
    return TfIdfEncoder::fit;
  }

  /** Always {@code encoder} (a pre-trained one, e.g. ONNX); the caller owns and closes it. */
  static TextEncoderFactory fixed(TextEncoder encoder) {
    return corpus -> encoder;
  }
}
