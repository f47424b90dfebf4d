package dev.lockstep.backup.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellCommandTest {
  @TempDir Path dir;

  @Test
  void rendered_quotesOnlyFoldersAShellWouldSplit() {
    assertThat(
            new ShellCommand("dump --to={dir} --tmp {scratch}", Map.of("dir", Path.of("/b/x-1")))
                .rendered())
        .isEqualTo("dump --to=/b/x-1 --tmp {scratch}");
    assertThat(new ShellCommand("dump {dir}", Map.of("dir", Path.of("/b/it's here"))).rendered())
        .isEqualTo("dump '/b/it'\\''s here'");
  }

  @Test
  void run_folderWithSpaces_reachesTheCommandIntact() throws Exception {
    Path spaced = Files.createDirectory(dir.resolve("with space"));

    var result =
        ProcessRunner.standalone()
            .run(
                new ShellCommand(
                        "echo ok > {dir}/out && test \"$LOCKSTEP_DIR\" = " + "{dir}",
                        Map.of("dir", spaced))
                    .spec("dump x", Duration.ofSeconds(10)));

    assertThat(result.succeeded()).as(result.describeFailure()).isTrue();
    assertThat(Files.readString(spaced.resolve("out"))).isEqualTo("ok\n");
  }

  @Test
  void run_pastItsDeadline_isStoppedAndSaysSo() {
    var result =
        ProcessRunner.standalone()
            .run(
                new ShellCommand("sleep 30", Map.of("dir", dir))
                    .spec("dump x", Duration.ofMillis(300)));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.timedOut()).isTrue();
    assertThat(result.describeFailure()).contains("dump x did not finish");
  }
}
