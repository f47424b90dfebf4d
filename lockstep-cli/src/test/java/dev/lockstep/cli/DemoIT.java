package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepJar.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `lockstep demo` from the packaged jar, with no set-up: the whole story, and nothing left over;
 * and `--target compose` on a machine without a container engine. (The story on compose is {@code
 * DemoOnComposeTest}'s: from the jar it takes half a minute more, its images rebuilt at each new
 * jar.) The demo gets a temporary folder of its own, so that what it leaves behind (folders,
 * processes) is told apart from what other tests and builds on the machine have running meanwhile.
 */
class DemoIT {
  @TempDir Path workingDir;
  @TempDir Path tmp;

  @Test
  void demo_tellsTheWholeStoryAndCleansUp() throws IOException {
    // The throwaway PostgreSQL runs as the unprivileged postgres user, inside this folder.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> foldersBefore = demoFolders();

    Result result =
        new LockstepJar(Map.of(), workingDir, List.of("-Djava.io.tmpdir=" + tmp)).run("demo");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.stdout())
        .contains("Install notes 1.0.0")
        .contains("upgrade 1.0.0 → 1.1.0 in demo — succeeded (exit 0)")
        .contains("upgrade 1.1.0 → 2.0.0 in demo — rolled back (exit 3)")
        .contains("swap the database snapshot back in, redeploy 1.1.0")
        .contains("restored the database (snapshot swap)")
        .contains("data-loss window")
        .contains("All 5 notes survived")
        .contains("Demo done");
    assertThat(demoFolders()).isEqualTo(foldersBefore);
    assertThat(workingDir).isEmptyDirectory();
    assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
        .noneMatch(command -> command.contains(tmp.toString()));
  }

  /**
   * Without a container engine, the demo on compose says what is missing and what to install, and
   * starts nothing: no PostgreSQL, no folder. Two real machines without one: no docker, podman or
   * docker-compose on the PATH; and a DOCKER_HOST whose socket nobody serves.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nothing on the PATH", "DOCKER_HOST served by no one"})
  void demoOnCompose_withoutAnEngine_saysWhatToInstallAndStartsNothing(String machine)
      throws IOException {
    Path emptyPath = Files.createDirectory(tmp.resolve("bin"));
    Map<String, String> environment =
        machine.startsWith("nothing")
            ? Map.of("PATH", emptyPath.toString())
            : Map.of("DOCKER_HOST", "unix://" + tmp.resolve("nobody.sock"));

    Result result =
        new LockstepJar(environment, workingDir, List.of("-Djava.io.tmpdir=" + tmp))
            .run("demo", "--target", "compose");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("the demo on compose cannot run here, nothing was started")
        .contains(
            machine.startsWith("nothing")
                ? "docker-compose is not on the PATH (" + emptyPath + ")"
                : "`docker compose ls` failed")
        .contains(".ci/containers.sh", "Podman", "Docker Compose v2");
    assertThat(result.stdout()).doesNotContain("PostgreSQL");
    assertThat(demoFolders()).isEmpty();
    assertThat(workingDir).isEmptyDirectory();
  }

  private List<String> demoFolders() throws IOException {
    try (Stream<Path> entries = Files.list(tmp)) {
      return entries
          .map(path -> path.getFileName().toString())
          .filter(name -> name.startsWith("lockstep-"))
          .sorted()
          .toList();
    }
  }
}
