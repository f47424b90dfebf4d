package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepJar.Result;
import dev.lockstep.cli.LockstepJar.Running;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What Lockstep leaves on disk: a run leaves the temporary folder as it found it (no password file,
 * no native library), and the password file of a Lockstep killed with kill -9 while a child used it
 * is in the state folder, never in the temporary folder, and gone after the next start.
 */
@ExtendWith(PostgresExtension.class)
class LeftoverSecretsIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void aRun_leavesNothingInTheTemporaryFolder_andAKilledRunsPasswordFileGoesAtTheNextStart()
      throws Exception {
    String token = "leftover-" + UUID.randomUUID();
    try (SampleDeployment sample =
        TestSamples.create(PostgresExtension.server(), "leftovers", false)) {
      Path temporary = Files.createTempDirectory("lockstep-leftovers-it-tmp-");
      Map<String, String> environment = new HashMap<>(sample.environment());
      environment.put("TMPDIR", temporary.toString());
      withASlowStore(sample, token);
      LockstepJar lockstep =
          new LockstepJar(environment, sample.folder(), List.of("-Djava.io.tmpdir=" + temporary));
      Path secrets = sample.folder().resolve("state/tmp");
      try {
        Result upgrade = lockstep.run("upgrade", "--to", "1.0.0");
        assertThat(upgrade.exitCode()).as(upgrade.all()).isZero();
        assertThat(temporary).as("the temporary folder after an upgrade").isEmptyDirectory();

        Files.writeString(sample.folder().resolve("slow-dump"), "");
        Running backup = lockstep.start(Map.of(), "backup", "create");
        Path passFile = awaitPasswordFile(secrets, backup);
        backup.kill();
        stopOrphans(token);

        assertThat(passFile).as("the killed run's password file").exists();
        try (Stream<Path> left = Files.walk(temporary)) {
          assertThat(
                  left.filter(path -> !path.equals(temporary)).map(p -> p.getFileName().toString()))
              .noneMatch(name -> name.contains("pgpass") || name.contains("lockstep"));
        }

        Files.delete(sample.folder().resolve("slow-dump"));
        Result status = lockstep.run("status");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(passFile).as("the password file after the next start").doesNotExist();
        assertThat(passFile.getParent()).doesNotExist();
      } finally {
        stopOrphans(token);
        try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
          deployment.stopServices();
        }
        deleteTree(temporary);
      }
    }
  }

  /** A store whose dump waits a minute while the file slow-dump exists. */
  private static void withASlowStore(SampleDeployment sample, String token) throws IOException {
    String config = Files.readString(sample.configFile());
    Files.writeString(
        sample.configFile(),
        config
            + "\nstores:\n  - name: slow\n    command:\n"
            + "      dump: 'if [ -f slow-dump ]; then sleep 60; fi; echo x > {dir}/x # "
            + token
            + "'\n      load: 'test -d {dir}'\n      scratchLoad: 'cp {dir}/x {scratch}/'\n");
  }

  private static Path awaitPasswordFile(Path secrets, Running backup) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Path> found = passFiles(secrets);
      if (found.isPresent()) {
        return found.get();
      }
      assertThat(backup.process.isAlive()).as("backup create still running").isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("no password file appeared in " + secrets + " in " + PATIENCE);
  }

  private static Optional<Path> passFiles(Path secrets) throws IOException {
    if (!Files.isDirectory(secrets)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(secrets)) {
      return files.filter(path -> path.toString().endsWith(".pgpass")).findFirst();
    }
  }

  /** The slow dump command outlives a Lockstep killed with kill -9: stop it and its sleep. */
  private static void stopOrphans(String token) {
    ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().orElse("").contains(token))
        .forEach(
            process -> {
              process.descendants().forEach(ProcessHandle::destroyForcibly);
              process.destroyForcibly();
            });
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
