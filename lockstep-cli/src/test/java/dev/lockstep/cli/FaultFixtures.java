package dev.lockstep.cli;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ThrowawayPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** What the named faults do to a sample deployment, and what they look at afterwards. */
final class FaultFixtures {
  private FaultFixtures() {}

  /** A table of {@code rows} rows of random-looking text, owned by the deployment's role. */
  static void addBulkTable(FaultSample fault, int rows) throws SQLException {
    try (Connection connection = new Database(fault.sample.config().database()).connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE fault_bulk AS SELECT g AS id, repeat(md5(g::text), 4) AS filler"
              + " FROM generate_series(1, "
              + rows
              + ") g");
    }
  }

  /** Waits for a process whose command line matches; returns its pid. */
  static long awaitProcess(Predicate<List<String>> commandLine, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      List<Long> found = LocalProcesses.matching(commandLine);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no such process appeared in " + limit);
  }

  /** Waits until something listens on {@code port}; returns its pid. */
  static long awaitListener(int port, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Long> listener = LocalProcesses.listener(port);
      if (listener.isPresent()) {
        return listener.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("nothing listened on port " + port + " in " + limit);
  }

  /**
   * kill -9 of the server's postmaster and every process it started; returns their pids. The
   * postmaster is stopped (SIGSTOP) first, so that it forks no backend or parallel worker between
   * the listing of its children and their kill: one forked then would outlive it, holding the
   * shared memory, and the server could not start again.
   */
  static List<Long> killServer(ThrowawayPostgres server) throws IOException {
    long pid =
        Long.parseLong(
            Files.readAllLines(server.dataDirectory().resolve("postmaster.pid")).get(0).strip());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    ProcessResult stopped =
        ProcessRunner.standalone()
            .run(ProcessSpec.of("kill", List.of("kill", "-STOP", Long.toString(pid))));
    if (!stopped.succeeded()) {
      throw new IllegalStateException("cannot stop the postmaster " + pid + ": " + stopped);
    }
    List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
    all.add(postmaster);
    all.forEach(ProcessHandle::destroyForcibly);
    all.forEach(handle -> handle.onExit().join());
    return all.stream().map(ProcessHandle::pid).toList();
  }

  /** Starts a killed server again on its port, as an operator would with pg_ctl. */
  static void restartServer(ThrowawayPostgres server) {
    server.startAgainAfterKill();
  }

  /** Backup sets left half-written in {@code dir}, as sentences; empty when there are none. */
  static List<String> partialBackups(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      List<Path> partial =
          entries.filter(p -> p.getFileName().toString().endsWith(".partial")).toList();
      return partial.isEmpty() ? List.of() : List.of("partial backup sets left: " + partial);
    }
  }

  static int backupCount(DeploymentConfig config) {
    try (Deployment deployment = Deployment.open(config, EngineOptions.quiet())) {
      return deployment.backups().list().size();
    }
  }

  /** Adds a command check to the sample's config. */
  static void addCheck(FaultSample fault, String name, String command) throws IOException {
    String check =
        """
          - name: %s
            command:
              run: %s
            deadline: 30s
            retries: 0
        """
            .formatted(name, command);
    edit(fault, "\nbackup:", "\n" + check + "\nbackup:");
  }

  /** Sends backups to {@code dir}, with a command store whose dump is {@code dump}. */
  static void backUpTo(FaultSample fault, Path dir, String dump) throws IOException {
    edit(
        fault,
        "\nbackup:\n  format: custom\n",
        """

        stores:
          - name: bulk
            command:
              dump: "%s"
              load: "cat {dir}/bulk.bin > /dev/null"

        backup:
          format: custom
          dir: %s
        """
            .formatted(dump.replace("\"", "\\\""), dir));
  }

  private static void edit(FaultSample fault, String anchor, String replacement)
      throws IOException {
    Path config = fault.sample.configFile();
    String text = Files.readString(config);
    if (!text.contains(anchor)) {
      throw new AssertionError("the sample config has no '" + anchor.strip() + "' any more");
    }
    Files.writeString(config, text.replace(anchor, replacement));
  }
}
