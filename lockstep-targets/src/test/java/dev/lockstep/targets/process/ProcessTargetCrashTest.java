package dev.lockstep.targets.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.targets.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Lockstep killed with SIGKILL leaves its services running, and the next one finds them. */
class ProcessTargetCrashTest {
  @TempDir Path dir;

  @Test
  void serviceOutlivesAKilledLockstep_andTheNextOneStopsIt() throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("service.sh"),
            "trap 'exit 0' TERM\necho up\nwhile :; do sleep 0.05; done\n");
    Path stateDir = dir.resolve(".lockstep");
    Process lockstep =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StartServiceMain.class.getName(),
                stateDir.toString(),
                script.toString())
            .redirectErrorStream(true)
            .start();
    ProcessTarget target =
        new ProcessTarget(
            stateDir, stateDir.resolve("services"), stateDir.resolve("logs"), List.of());
    ServiceConfig api =
        Fixtures.processService(
            "api", List.of("local"), List.of("sh", "{artifact}"), Map.of(), Duration.ofSeconds(5));
    try {
      assertThat(firstLine(lockstep)).isEqualTo("started");

      lockstep.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

      long pid = new StateStore(stateDir.resolve("services")).read("api", "local").get().pid();
      assertThat(ProcessHandle.of(pid).filter(LiveProcess::isRunning)).isPresent();
      assertThat(target.status(api).anyRunning()).isTrue();
      target.stop(api);
      assertThat(ProcessHandle.of(pid).filter(LiveProcess::isRunning)).isEmpty();
    } finally {
      lockstep.destroyForcibly();
      target.stop(api);
    }
  }

  private static String firstLine(Process process) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                return reader.readLine();
              } catch (IOException e) {
                return e.toString();
              }
            })
        .get(30, TimeUnit.SECONDS);
  }
}
