package dev.lockstep.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
  @TempDir Path stateDir;

  @Test
  void pgPass_isWrittenInTheStateFoldersTmp_ownerOnly_andDeletedOnClose() throws Exception {
    SecretFiles files = SecretFiles.forStateDir(stateDir);

    PgPassFile pass = files.pgPass("h", 5432, "u", Secret.of("pw"));

    Path folder = pass.path().getParent();
    assertThat(folder.getParent()).isEqualTo(stateDir.resolve("tmp"));
    assertThat(folder.getFileName().toString())
        .startsWith("lockstep-secrets-" + ProcessHandle.current().pid() + "-");
    assertThat(permissions(stateDir.resolve("tmp"))).isEqualTo("rwx------");
    assertThat(permissions(folder)).isEqualTo("rwx------");
    assertThat(permissions(pass.path())).isEqualTo("rw-------");
    pass.close();
    assertThat(pass.path()).doesNotExist();
  }

  @Test
  void sweep_deletesWhatGoneProcessesLeft_andKeepsWhatLiveOnesUse() throws Exception {
    SecretFiles files = SecretFiles.forStateDir(stateDir);
    Path own = files.pgPass("h", 1, "u", Secret.of("pw")).path();
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path dead = leftover("lockstep-secrets-" + gone.pid() + "-" + Instant.now().getEpochSecond());
    Process sleeping = new ProcessBuilder("sleep", "30").start();
    try {
      long start = sleeping.info().startInstant().orElseThrow().getEpochSecond();
      Path live = leftover("lockstep-secrets-" + sleeping.pid() + "-" + start);
      Path reused = leftover("lockstep-secrets-" + sleeping.pid() + "-" + (start - 3600));
      Path foreign = leftover("not-lockstep");

      int deleted = files.sweep();

      assertThat(deleted).isEqualTo(2);
      assertThat(dead).doesNotExist();
      assertThat(reused).doesNotExist();
      assertThat(live).exists();
      assertThat(foreign).exists();
      assertThat(own).exists();
    } finally {
      sleeping.destroyForcibly().waitFor();
    }
  }

  private Path leftover(String name) throws Exception {
    Path folder = Files.createDirectories(stateDir.resolve("tmp").resolve(name));
    Files.writeString(folder.resolve("lockstep-1.pgpass"), "h:1:*:u:pw\n");
    return folder;
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
