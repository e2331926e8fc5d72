package dev.longview.algorithms.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longview.algorithms.ModelFiles;
import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Versioned model bundles on disk: every training run becomes a new, never-overwritten folder.
 *
 * <pre>
 *   MODELS_DIR/
 *     NAME/                 one per bundle name (usually the algorithm: lightgcn, ials, ...)
 *       v1/
 *         bundle.json       the {@link BundleManifest}: algorithm, params, seed, trained-at,
 *                           training seconds, data fingerprint, files, metrics
 *         model.lvm         the model, when {@link ModelFiles} can write it
 *         users.txt         external user ids, one per line, line n = dense index n - 1
 *         items.txt         external item ids, the same way
 *         ...               files a {@link BundleContent} model writes itself
 *       v2/ ...
 *       LATEST              the name of the newest complete version folder ("v2")
 * </pre>
 *
 * {@link #write} builds the version in a temporary folder beside the others ({@code .tmp-*}),
 * then renames it to {@code vN} (N = one more than the highest existing version): a reader sees
 * a whole version or none, and an existing version is never replaced (a rename onto a non-empty
 * folder fails, and the next number is tried). {@code LATEST} is rewritten the same way (temporary
 * file, atomic rename) after the version is in place. Ids need no escaping: external ids never
 * contain control characters ({@link dev.longview.core.Ids}). Thread-safe (stateless); safe
 * against concurrent writers of the same name on a local POSIX file system.
 */
public final class ModelBundles {
  /** The manifest's file name in each version folder. */
  public static final String MANIFEST = "bundle.json";
  /** The {@link ModelFiles} file's name in each version folder. */
  public static final String MODEL_FILE = "model.lvm";
  /** External user ids by dense index. */
  public static final String USERS = "users.txt";
  /** External item ids by dense index. */
  public static final String ITEMS = "items.txt";
  /** The pointer file in each bundle-name folder. */
  public static final String LATEST = "LATEST";
  /** Version of the bundle layout written into {@code bundle.json}. */
  public static final int LAYOUT_VERSION = 1;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]{0,63}");
  private static final Pattern VERSION = Pattern.compile("v([1-9][0-9]{0,8})");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ModelBundles() {}

  static boolean validName(String name) {
    return NAME.matcher(name).matches();
  }

  /** The fingerprint of a training snapshot: counts and the latest event time. */
  public static BundleManifest.DataFingerprint fingerprint(InteractionSnapshot s, String source) {
    long max = Long.MIN_VALUE;
    for (int p = 0; p < s.size(); p++) {
      max = Math.max(max, s.epochSecondAt(p));
    }
    return new BundleManifest.DataFingerprint(source, s.userCount(), s.itemCount(), s.size(),
        s.size() == 0 ? null : Instant.ofEpochSecond(max));
  }

  /**
   * Writes {@code model}, trained on {@code snapshot}, as the next version of bundle
   * {@code manifest.name()} under {@code modelsDir}, and points {@code LATEST} at it.
   *
   * @param manifest what to record; its version and file list are filled in here
   * @return the manifest as written (with its version and files)
   * @throws IllegalArgumentException when the model is neither written by {@link ModelFiles}
   *     nor a {@link BundleContent}, or when its counts do not match the snapshot
   */
  public static BundleManifest write(Path modelsDir, BundleManifest manifest, Model model,
      InteractionSnapshot snapshot) throws IOException {
    boolean stored = ModelFiles.canWrite(model);
    if (!stored && !(model instanceof BundleContent)) {
      throw new IllegalArgumentException("cannot bundle a " + model.getClass().getName()
          + ": it is neither a model ModelFiles can write nor a BundleContent");
    }
    if (model.userCount() != snapshot.userCount() || model.itemCount() != snapshot.itemCount()) {
      throw new IllegalArgumentException("the model knows " + model.userCount() + " users and "
          + model.itemCount() + " items but the snapshot has " + snapshot.userCount() + " and "
          + snapshot.itemCount() + "; bundle a model with the snapshot it was trained on");
    }
    Path root = modelsDir.resolve(manifest.name());
    Files.createDirectories(root);
    Path tmp = Files.createTempDirectory(root, ".tmp-");
    try {
      List<String> files = new ArrayList<>();
      if (stored) {
        ModelFiles.write(model, tmp.resolve(MODEL_FILE));
        files.add(MODEL_FILE);
      }
      writeIds(tmp.resolve(USERS), snapshot.userCount(), snapshot::userId);
      writeIds(tmp.resolve(ITEMS), snapshot.itemCount(), snapshot::itemId);
      files.add(USERS);
      files.add(ITEMS);
      if (model instanceof BundleContent content) {
        for (String f : content.writeTo(tmp)) {
          if (files.contains(f) || f.equals(MANIFEST)) {
            throw new IllegalStateException(model.getClass().getName() + " wrote " + f
                + ", a name the bundle reserves");
          }
          files.add(f);
        }
      }
      for (int attempt = 0; ; attempt++) {
        int version = highestVersion(root) + 1;
        BundleManifest done = manifest.withVersion(version).withFiles(files);
        Files.writeString(tmp.resolve(MANIFEST), JSON.writeValueAsString(toJson(done)),
            StandardCharsets.UTF_8);
        try {
          Files.move(tmp, root.resolve("v" + version), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
          if (attempt < 100) {
            continue; // another writer took this number first
          }
          throw e;
        }
        pointLatest(root, version);
        return done;
      }
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
  }

  /** The newest complete version of bundle {@code name}, or empty when there is none. */
  public static Optional<Path> latest(Path modelsDir, String name) throws IOException {
    Path root = modelsDir.resolve(name);
    Path pointer = root.resolve(LATEST);
    if (Files.isRegularFile(pointer)) {
      Path dir = root.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim());
      if (Files.isRegularFile(dir.resolve(MANIFEST))) {
        return Optional.of(dir);
      }
    }
    int v = highestVersion(root);
    return v == 0 ? Optional.empty() : Optional.of(root.resolve("v" + v));
  }

  /** Reads the manifest of a version folder. */
  public static BundleManifest readManifest(Path versionDir) throws IOException {
    Path file = versionDir.resolve(MANIFEST);
    JsonNode n;
    try {
      n = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not valid JSON (" + e.getMessage()
          + "); the bundle is damaged: train again", e);
    }
    try {
      Map<String, String> params = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.get("params").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        params.put(e.getKey(), e.getValue().asText());
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      if (n.has("metrics")) {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.get("metrics").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          metrics.put(e.getKey(), e.getValue().asDouble());
        }
      }
      List<String> files = new ArrayList<>();
      n.get("files").forEach(f -> files.add(f.asText()));
      JsonNode d = n.get("data");
      BundleManifest.DataFingerprint data = new BundleManifest.DataFingerprint(
          d.path("source").asText(null), d.get("users").asInt(), d.get("items").asInt(),
          d.get("interactions").asLong(),
          d.hasNonNull("maxEventTime") ? Instant.parse(d.get("maxEventTime").asText()) : null);
      return new BundleManifest(n.get("name").asText(), n.get("version").asInt(),
          n.get("algorithm").asText(), params, n.get("seed").asLong(),
          Instant.parse(n.get("trainedAt").asText()), n.get("trainingSeconds").asDouble(), data,
          files, metrics);
    } catch (NullPointerException | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(file + " lacks a field or has a malformed one (" + e
          + "); the bundle is damaged: train again", e);
    }
  }

  /** Reads the {@link ModelFiles} model of a version folder. */
  public static Model readModel(Path versionDir) throws IOException {
    Path file = versionDir.resolve(MODEL_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(versionDir + " has no " + MODEL_FILE + "; its model is"
          + " stored in its own files (see " + MANIFEST + "): load it with the module that wrote it");
    }
    return ModelFiles.read(file);
  }

  /** Reads an id file ({@link #USERS}, {@link #ITEMS}) of a version folder, by dense index. */
  public static List<String> readIds(Path versionDir, String file) throws IOException {
    return Files.readAllLines(versionDir.resolve(file), StandardCharsets.UTF_8);
  }

  static ObjectNode toJson(BundleManifest m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("layout", LAYOUT_VERSION);
    o.put("name", m.name());
    o.put("version", m.version());
    o.put("algorithm", m.algorithm());
    ObjectNode p = o.putObject("params");
    m.params().forEach(p::put);
    o.put("seed", m.seed());
    o.put("trainedAt", m.trainedAt().toString());
    o.put("trainingSeconds", m.trainingSeconds());
    ObjectNode d = o.putObject("data");
    d.put("source", m.data().source());
    d.put("users", m.data().users());
    d.put("items", m.data().items());
    d.put("interactions", m.data().interactions());
    d.put("maxEventTime", m.data().maxEventTime() == null ? null
        : m.data().maxEventTime().toString());
    m.files().forEach(o.putArray("files")::add);
    ObjectNode mx = o.putObject("metrics");
    m.metrics().forEach(mx::put);
    return o;
  }

  private static void writeIds(Path file, int n, java.util.function.IntFunction<String> id)
      throws IOException {
    try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int k = 0; k < n; k++) {
        w.write(id.apply(k));
        w.write('\n');
      }
    }
  }

  /** The highest N of the {@code vN} folders in {@code root}; 0 when none. */
  static int highestVersion(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int max = 0;
    try (Stream<Path> s = Files.list(root)) {
      for (Iterator<Path> it = s.iterator(); it.hasNext(); ) {
        Matcher m = VERSION.matcher(it.next().getFileName().toString());
        if (m.matches()) {
          max = Math.max(max, Integer.parseInt(m.group(1)));
        }
      }
    }
    return max;
  }

  private static void pointLatest(Path root, int version) throws IOException {
    Path tmp = Files.createTempFile(root, ".latest-", ".tmp");
    try {
      Files.writeString(tmp, "v" + version + "\n", StandardCharsets.UTF_8);
      // Two concurrent writers: the later rename wins; never point back to an older version.
      if (highestVersion(root) == version) {
        Files.move(tmp, root.resolve(LATEST), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
