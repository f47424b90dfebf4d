package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepJar.Result;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A whole upgrade story through the jar, with a second PostgreSQL store and encrypted backups: the
 * database password and the backup key are nowhere, not in any output, log, report, journal or
 * backup file, and not in the arguments of any process, sampled all along. The story leaves the
 * temporary folder as it found it.
 */
@ExtendWith(PostgresExtension.class)
class SecretsIT {

  @Test
  void secrets_appearInNoOutputFileOrProcessArgument() throws Exception {
    try (SampleDeployment sample =
        TestSamples.create(PostgresExtension.server(), "secrets", false)) {
      String password = sample.password().reveal();
      String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
      Map<String, String> environment = new HashMap<>(sample.environment());
      environment.put("NOTES_BACKUP_KEY", key);
      Path temporary = Files.createTempDirectory("lockstep-secrets-it-tmp-");
      environment.put("TMPDIR", temporary.toString());
      withEncryptionAndASecondStore(sample);
      List<String> jvm = List.of("-Djava.io.tmpdir=" + temporary);
      LockstepJar lockstep = new LockstepJar(environment, sample.folder(), jvm);
      ArgumentSampler sampler = new ArgumentSampler(List.of(password, key));
      List<Result> results = new ArrayList<>();
      try {
        sampler.start();
        results.add(lockstep.run("upgrade", "--to", "1.0.0"));
        sample.notes().write("untagged", "2.0.0 fails on me", null);
        results.add(lockstep.run("upgrade", "--to", "1.1.0", "--output", "json"));
        results.add(lockstep.run("upgrade", "--to", "2.0.0", "--stacktrace"));
        results.add(lockstep.run("status", "--output", "json"));
        results.add(lockstep.run("history"));
        results.add(lockstep.run("backup", "list", "--output", "json"));
        Map<String, String> wrongPassword = new HashMap<>(environment);
        wrongPassword.put("NOTES_DB_PASSWORD", password + "-wrong");
        results.add(
            new LockstepJar(wrongPassword, sample.folder(), jvm)
                .run("plan", "--to", "2.0.0", "--stacktrace"));
      } finally {
        sampler.stop();
        try (Deployment deployment =
            Deployment.open(config(sample, environment), EngineOptions.quiet())) {
          deployment.stopServices();
        }
      }

      assertThat(results.get(0).exitCode()).as(results.get(0).all()).isZero();
      assertThat(results.get(2).exitCode()).as(results.get(2).all()).isEqualTo(3);
      assertThat(results.get(6).all()).contains("password authentication failed");
      assertThat(results)
          .allSatisfy(result -> assertThat(result.all()).doesNotContain(password, key));
      assertThat(sampler.processesSeen()).as("processes sampled").isGreaterThan(10);
      assertThat(sampler.leaks()).isEmpty();
      assertThat(filesContaining(sample.folder(), password)).isEmpty();
      assertThat(filesContaining(sample.folder(), key)).isEmpty();
      assertThat(sample.folder().resolve("state/reports")).isNotEmptyDirectory();
      assertThat(sample.folder().resolve("state/logs")).isNotEmptyDirectory();
      assertThat(sample.folder().resolve("state/backups")).isNotEmptyDirectory();
      assertThat(backupsOf(sample, "extra")).as("the second store was backed up").isNotEmpty();
      assertThat(temporary).as("the temporary folder after the story").isEmptyDirectory();
      Files.delete(temporary);
    }
  }

  /** Encrypted backups, and a second database of the product's as a store of its own. */
  private static void withEncryptionAndASecondStore(SampleDeployment sample) throws Exception {
    String extra = sample.environment().get("NOTES_DB_NAME") + "_extra";
    try (Connection connection =
            new Database(PostgresExtension.server().database("postgres")).connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE DATABASE " + extra + " OWNER " + sample.environment().get("NOTES_DB_USER"));
    }
    String config = Files.readString(sample.configFile());
    String backup = "backup:\n  format: custom\n";
    assertThat(config).contains(backup);
    Files.writeString(
        sample.configFile(),
        config.replace(
            backup,
            backup
                + "  encryption:\n    key: {env: NOTES_BACKUP_KEY}\n"
                + "stores:\n  - name: extra\n    postgres: {database: "
                + extra
                + "}\n"));
  }

  private static DeploymentConfig config(SampleDeployment sample, Map<String, String> env) {
    return new ConfigLoader(Variables.fromEnvironment().with(env)).load(sample.configFile());
  }

  private static List<Path> backupsOf(SampleDeployment sample, String store) throws IOException {
    try (Stream<Path> files = Files.walk(sample.folder().resolve("state/backups"))) {
      return files.filter(path -> path.endsWith(Path.of("postgres", store))).toList();
    }
  }

  private static List<Path> filesContaining(Path folder, String secret) throws IOException {
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (indexOf(Files.readAllBytes(file), needle) >= 0) {
          found.add(file);
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Reads every process's command line every few milliseconds, looking for the secrets. */
  private static final class ArgumentSampler {
    private final List<String> secrets;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private final List<String> leaks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Thread thread;

    ArgumentSampler(List<String> secrets) {
      this.secrets = secrets;
    }

    void start() {
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  ProcessHandle.allProcesses()
                      .forEach(
                          process -> {
                            seen.add(process.pid());
                            String command = process.info().commandLine().orElse("");
                            for (String secret : secrets) {
                              if (command.contains(secret)) {
                                leaks.add(
                                    process.pid() + ": " + command.replace(secret, "<secret>"));
                              }
                            }
                          });
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    int processesSeen() {
      return seen.size();
    }

    List<String> leaks() {
      return leaks;
    }
  }
}
