package dev.lockstep.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolLocatorTest {
  @TempDir Path dir;

  @Test
  void find_prefersLockstepPgBin() throws Exception {
    Path first = Files.createDirectory(dir.resolve("first"));
    Path second = Files.createDirectory(dir.resolve("second"));
    executable(first.resolve("pg_dump"));
    executable(second.resolve("pg_dump"));
    ToolLocator locator =
        new ToolLocator(
            Map.of("LOCKSTEP_PG_BIN", first.toString(), "PATH", second.toString()),
            () -> Optional.of(second));

    assertThat(locator.find("pg_dump", "postgresql-client")).isEqualTo(first.resolve("pg_dump"));
    assertThat(locator.searchDirs()).startsWith(first, second);
  }

  @Test
  void find_skipsFilesThatAreNotExecutable() throws Exception {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Files.createFile(bin.resolve("lockstep_fake_tool"));
    ToolLocator locator =
        new ToolLocator(Map.of("LOCKSTEP_PG_BIN", bin.toString(), "PATH", ""), Optional::empty);

    assertThatThrownBy(() -> locator.find("lockstep_fake_tool", "postgresql-client"))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TOOL_MISSING));
  }

  @Test
  void find_missingTool_saysWhereItLookedAndWhatToInstall() {
    ToolLocator locator = new ToolLocator(Map.of("PATH", dir.toString()), Optional::empty);

    assertThatThrownBy(() -> locator.find("no_such_pg_tool", "postgresql-client"))
        .isInstanceOfSatisfying(
            LockstepException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.TOOL_MISSING);
              assertThat(e.getMessage())
                  .contains("no_such_pg_tool was not found")
                  .contains(dir.toString())
                  .contains("apt-get install postgresql-client")
                  .contains("LOCKSTEP_PG_BIN");
            });
  }

  @Test
  void findServer_findsInitdbOffThePath() {
    PgServerTools server = PgTools.findServer();

    assertThat(server.initdb()).isExecutable();
    assertThat(server.pgCtl().getParent()).isEqualTo(server.initdb().getParent());
  }

  private static void executable(Path file) throws Exception {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
