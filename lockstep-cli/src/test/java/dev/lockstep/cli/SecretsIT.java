package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepJar.Result;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * A whole upgrade story through the jar, and the database password is nowhere: not in any output,
 * log, report, journal or backup file, and not in the arguments of any process, sampled all along.
 */
@ExtendWith(PostgresExtension.class)
class SecretsIT {

  @Test
  void password_appearsInNoOutputFileOrProcessArgument() throws Exception {
    try (SampleDeployment sample =
        SampleDeployment.create(PostgresExtension.server(), "secrets", false)) {
      String password = sample.password().reveal();
      LockstepJar lockstep = new LockstepJar(sample.environment(), sample.folder());
      ArgumentSampler sampler = new ArgumentSampler(password);
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
        Map<String, String> wrongPassword = new HashMap<>(sample.environment());
        wrongPassword.put("NOTES_DB_PASSWORD", password + "-wrong");
        results.add(
            new LockstepJar(wrongPassword, sample.folder())
                .run("plan", "--to", "2.0.0", "--stacktrace"));
      } finally {
        sampler.stop();
        try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
          deployment.stopServices();
        }
      }

      assertThat(results.get(2).exitCode()).isEqualTo(3);
      assertThat(results.get(6).all()).contains("password authentication failed");
      assertThat(results).allSatisfy(result -> assertThat(result.all()).doesNotContain(password));
      assertThat(sampler.processesSeen()).as("processes sampled").isGreaterThan(10);
      assertThat(sampler.leaks()).isEmpty();
      assertThat(filesContaining(sample.folder(), password)).isEmpty();
      assertThat(sample.folder().resolve("state/reports")).isNotEmptyDirectory();
      assertThat(sample.folder().resolve("state/logs")).isNotEmptyDirectory();
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

  /** Reads every process's command line every few milliseconds, looking for the secret. */
  private static final class ArgumentSampler {
    private final String secret;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private final List<String> leaks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Thread thread;

    ArgumentSampler(String secret) {
      this.secret = secret;
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
                            if (command.contains(secret)) {
                              leaks.add(process.pid() + ": " + command.replace(secret, "<secret>"));
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
