/**
 * Text for recommendation without a deep-learning engine: {@link dev.longview.text.TfIdfEncoder}
 * (the default {@link dev.longview.core.text.TextEncoder}, BM25 weights over Lucene analyzers,
 * hashed to a fixed dimension), {@link dev.longview.text.TextIndex} (content recall by query
 * text or user profile) and, in {@code coldstart}, the new-item cold-start evaluation.
 */
package dev.longview.text;
