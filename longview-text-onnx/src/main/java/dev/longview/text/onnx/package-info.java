/**
 * The BERT-family sentence encoder ({@link dev.longview.text.onnx.OnnxSentenceEncoder}): ONNX
 * Runtime and DJL's HuggingFace tokenizers, from a model directory the user supplies. A module of
 * its own so that the ONNX Runtime and tokenizer natives (about 75 MB) reach only what asks for
 * them.
 */
package dev.longview.text.onnx;
