/**
 * Candidate models. Public API: {@link dev.longview.algorithms.Algorithms} (the registry: names,
 * tuned defaults, search spaces, trainers), {@link dev.longview.algorithms.Param} and
 * {@link dev.longview.algorithms.ModelFiles} (save and load trained models); everything else is
 * package-private.
 *
 * <p>Every model trains on the binary user x item matrix of {@code BinaryMatrix} (weights of
 * repeated (user, item) entries are summed; a pair counts when the sum is > 0), scores items
 * through {@link dev.longview.core.model.Model#score}, and leaves top-K and filtering to core.
 * Users without training interactions score 0 everywhere (BPR: item bias only), so the shared
 * top-K falls back to index order (BPR: to the bias, a popularity-like order).
 *
 * <p>SIMD: iALS, BPR, EASE and factor scoring use the JDK Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; without it they fall back to scalar kernels (2 to 4
 * times slower) and log once how to enable it. Any module or launcher that trains these models
 * should pass that flag (surefire argLine, the CLI's java command line).
 */
package dev.longview.algorithms;
