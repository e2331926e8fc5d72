package dev.longview.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the contract tests, on loopback.
 *
 * <p>If {@code LONGVIEW_TEST_POSTGRES_URL} is set (e.g. by CI, pointing at a running server as
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), that server is used. Otherwise
 * the first {@code initdb}/{@code pg_ctl} found on the PATH or under {@code /usr/lib/postgresql}
 * creates a throw-away cluster in a temporary folder and starts it on a free port; it is stopped
 * when the JVM exits. When neither exists, {@link #available()} is empty and the tests are
 * skipped with the reason. Each test gets a fresh database from {@link #newDatabase()}.
 */
final class PostgresServer {
  private static final Object LOCK = new Object();
  private static PostgresServer instance;
  private static String unavailableReason;

  private final String adminUrl;
  private int databases;

  private PostgresServer(String adminUrl) {
    this.adminUrl = adminUrl;
  }

  /** The shared server, started on first use; empty with {@link #whyUnavailable()} otherwise. */
  static Optional<PostgresServer> available() {
    synchronized (LOCK) {
      if (instance == null && unavailableReason == null) {
        try {
          instance = start();
        } catch (Exception e) {
          unavailableReason = e.getMessage();
        }
      }
      return Optional.ofNullable(instance);
    }
  }

  static String whyUnavailable() {
    return unavailableReason;
  }

  /** Creates an empty database and returns its JDBC URL. */
  String newDatabase() throws SQLException {
    String name = "lv_test_" + ProcessHandle.current().pid() + "_" + (++databases);
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
    return adminUrl.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
  }

  private static PostgresServer start() throws Exception {
    String given = System.getenv("LONGVIEW_TEST_POSTGRES_URL");
    if (given != null && !given.isBlank()) {
      return new PostgresServer(given);
    }
    Path bin = findBinaries().orElseThrow(() -> new IllegalStateException(
        "no PostgreSQL binaries (initdb, pg_ctl) on the PATH or under /usr/lib/postgresql;"
            + " install them (Debian: apt-get install postgresql) or set LONGVIEW_TEST_POSTGRES_URL"));
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("longview-pg-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path data = dir.resolve("data");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    run(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
        "-A", "trust", "-E", "UTF8", "--no-sync");
    run(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l",
        dir.resolve("log").toString(), "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        run(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop");
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      } catch (Exception ignored) {
        // best effort at exit
      }
    }));
    return new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
  }

  private static Optional<Path> findBinaries() throws IOException {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String p : path.split(":")) {
        candidates.add(Path.of(p));
      }
    }
    Path lib = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> versions = Files.list(lib)) {
        versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin")));
      }
    }
    return candidates.stream()
        .filter(p -> Files.isExecutable(p.resolve("initdb")) && Files.isExecutable(p.resolve("pg_ctl")))
        .findFirst();
  }

  /** Runs a PostgreSQL tool; as root, as the postgres user (the server refuses to run as root). */
  private static void run(boolean root, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (root) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("PostgreSQL command failed: " + String.join(" ", cmd) + "\n" + out);
    }
  }
}
