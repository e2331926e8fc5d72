/**
 * The text-encoder contract ({@link dev.longview.core.text.TextEncoder}) and how an item's text
 * is built ({@link dev.longview.core.text.ItemText}). Implementations live outside core:
 * {@code longview-text} (TF-IDF/BM25 with Lucene analyzers, content recall) and
 * {@code longview-text-onnx} (BERT-family sentence encoders through ONNX Runtime).
 */
package dev.longview.core.text;
