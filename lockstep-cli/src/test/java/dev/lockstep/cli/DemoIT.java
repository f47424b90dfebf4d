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

/**
 * `lockstep demo` from the packaged jar, with no set-up: the whole story, and nothing left over.
 * The demo gets a temporary folder of its own, so that what it leaves behind (folders, processes)
 * is told apart from what other tests and builds on the machine have running meanwhile.
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
