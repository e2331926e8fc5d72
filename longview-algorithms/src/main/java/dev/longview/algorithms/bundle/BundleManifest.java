package dev.longview.algorithms.bundle;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code bundle.json} says about one trained model version: how it was trained, on which
 * data, and which files hold it. Checks itself; immutable.
 *
 * @param name the bundle name (the folder under the models directory; usually the algorithm)
 * @param version the version number N of folder {@code vN}, from 1 ({@code 0} before
 *     {@link ModelBundles#write} assigns it)
 * @param algorithm the registry name of the algorithm ({@code lightgcn}, {@code ials}, ...)
 * @param params every parameter in force, given or default, in declaration order
 * @param seed the training seed
 * @param trainedAt when training finished
 * @param trainingSeconds wall-clock seconds of training
 * @param data the training data's fingerprint
 * @param files the files of the bundle besides {@code bundle.json}, relative to its folder
 * @param metrics optional offline metrics (name to value), empty when none were measured
 */
public record BundleManifest(String name, int version, String algorithm,
    Map<String, String> params, long seed, Instant trainedAt, double trainingSeconds,
    DataFingerprint data, List<String> files, Map<String, Double> metrics) {

  /**
   * The training data, enough to tell whether a bundle was trained on the data at hand.
   *
   * @param source where it came from (a database location or an input file), for people
   * @param users users in the snapshot (dense indices; ids in {@code users.txt})
   * @param items items in the snapshot (ids in {@code items.txt})
   * @param interactions rows of the snapshot
   * @param maxEventTime the latest event time in the snapshot, or null when it is empty
   */
  public record DataFingerprint(String source, int users, int items, long interactions,
      Instant maxEventTime) {
    public DataFingerprint {
      if (users < 0 || items < 0 || interactions < 0) {
        throw new IllegalArgumentException("data counts must be >= 0, got " + users + " users, "
            + items + " items, " + interactions + " interactions");
      }
    }
  }

  public BundleManifest {
    if (name == null || !ModelBundles.validName(name)) {
      throw new IllegalArgumentException("bundle name \"" + name + "\" must be 1 to 64 letters,"
          + " digits, '-', '_' or '.', not starting with '.'");
    }
    if (version < 0) {
      throw new IllegalArgumentException("bundle version must be >= 1, got " + version);
    }
    if (algorithm == null || algorithm.isEmpty()) {
      throw new IllegalArgumentException("bundle algorithm is empty");
    }
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
        params == null ? Map.of() : params));
    files = List.copyOf(files == null ? List.of() : files);
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
        metrics == null ? Map.of() : metrics));
    if (data == null) {
      throw new IllegalArgumentException("bundle data fingerprint is missing");
    }
  }

  /** This manifest with another version number. */
  BundleManifest withVersion(int v) {
    return new BundleManifest(name, v, algorithm, params, seed, trainedAt, trainingSeconds, data,
        files, metrics);
  }

  /** This manifest with another file list. */
  BundleManifest withFiles(List<String> f) {
    return new BundleManifest(name, version, algorithm, params, seed, trainedAt, trainingSeconds,
        data, f, metrics);
  }
}
