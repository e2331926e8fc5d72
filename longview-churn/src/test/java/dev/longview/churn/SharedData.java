package dev.longview.churn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Finds {@code shared/data} by walking up from the working directory; tests skip without it. */
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

  static Path require(String relative) {
    Optional<Path> root = root();
    Assumptions.assumeTrue(root.isPresent(), () -> "skipped: no shared/data folder above "
        + Path.of("").toAbsolutePath() + " (the real datasets live in ../shared/data)");
    Path path = root.get().resolve(relative);
    Assumptions.assumeTrue(Files.exists(path), () -> "skipped: " + path + " is absent");
    return path;
  }
}
