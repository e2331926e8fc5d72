package dev.longview.algorithms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the project's shared data folder ({@code shared/data}) by walking up from the working directory. */
final class SharedData {
  private SharedData() {}

  static Optional<Path> find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve(relative);
      if (Files.exists(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
