package dev.longview.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real datasets: a {@code shared/data} folder beside the repository, found by walking
 * up from the working directory. Tests that need it skip when it is absent.
 */
final class SharedData {
  private SharedData() {}

  static Optional<Path> root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The dataset file or folder, or skips the calling test with a message saying why. */
  static Path require(String relative) {
    Optional<Path> root = root();
    Assumptions.assumeTrue(root.isPresent(), () -> "skipped: no shared/data folder above "
        + Path.of("").toAbsolutePath() + " (the real datasets live in ../shared/data)");
    Path path = root.get().resolve(relative);
    Assumptions.assumeTrue(Files.exists(path), () -> "skipped: " + path + " is absent");
    return path;
  }
}
