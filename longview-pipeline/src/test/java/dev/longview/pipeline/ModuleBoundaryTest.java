package dev.longview.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The serving pipeline (the lab's myopic and longview policies, {@link PipelinePolicy}) cannot
 * see the simulator: the simulator module is not on this module's class path (main or test), and
 * no compiled class of this module names it.
 */
class ModuleBoundaryTest {
  @Test
  void theSimulatorIsNotOnTheClassPath() {
    assertThatThrownBy(() -> Class.forName("dev.longview.lab.sim.World"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("dev.longview.lab.sim.HiddenUser"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void noClassOfThisModuleReferencesTheLab() throws Exception {
    Path classes = Paths.get(Pipeline.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    List<Path> files;
    try (Stream<Path> s = Files.walk(classes)) {
      files = s.filter(p -> p.toString().endsWith(".class")).toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    for (Path f : files) {
      assertThat(constantPool(f)).as(f.toString()).doesNotContain("dev/longview/lab");
    }
  }

  private static String constantPool(Path f) throws IOException {
    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
  }
}
