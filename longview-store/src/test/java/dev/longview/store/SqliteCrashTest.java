package dev.longview.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of the embedded store: a write that was acknowledged (committed) survives a crash of
 * the process (SIGKILL, no shutdown hooks), and one that was not leaves nothing behind.
 */
class SqliteCrashTest {
  @TempDir Path dir;

  @Test
  void committedWrite_survivesAKilledProcess_uncommittedWriteLeavesNothing() throws Exception {
    String db = dir.resolve("crash.db").toString();
    EventStore.open(db).close(); // create the schema before the children race for it

    killAfter(db, "committed", "committed");
    killAfter(db, "uncommitted", "added");

    try (EventStore store = EventStore.open(db)) {
      StoreCounts c = store.counts();
      assertThat(c.events()).isEqualTo(1_000);
      assertThat(c.users()).isEqualTo(10);
      assertThat(store.user("cuser3")).isPresent();
      assertThat(store.user("uuser3")).isEmpty();
    }
  }

  private static void killAfter(String db, String mode, String signal) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        CrashWriter.class.getName(), db, mode).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
      assertThat(out.readLine()).isEqualTo(signal);
    } finally {
      p.destroyForcibly(); // SIGKILL: no clean shutdown
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
