package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepJar.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `lockstep demo` from the packaged jar, with no set-up: the whole story, and nothing left over.
 */
class DemoIT {
  @TempDir Path workingDir;

  @Test
  void demo_tellsTheWholeStoryAndCleansUp() throws IOException {
    List<String> foldersBefore = demoFolders();

    long started = System.nanoTime();
    Result result = new LockstepJar(Map.of(), workingDir).run("demo");
    long seconds = (System.nanoTime() - started) / 1_000_000_000;

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
    assertThat(seconds).as("the demo takes under two minutes").isLessThan(120);
    assertThat(demoFolders()).isEqualTo(foldersBefore);
    assertThat(workingDir).isEmptyDirectory();
    assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
        .noneMatch(command -> command.contains("lockstep-notes-"));
  }

  private static List<String> demoFolders() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries
          .map(path -> path.getFileName().toString())
          .filter(name -> name.startsWith("lockstep-"))
          .sorted()
          .toList();
    }
  }
}
