package dev.lockstep.engine.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFolderCheckTest {
  private static final String USER = System.getProperty("user.name");

  @TempDir Path dir;

  @Test
  void check_ownPrivateFolder_isOk() throws Exception {
    Path state = Files.createDirectory(dir.resolve("state"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));

    DoctorResult result = new StateFolderCheck(state, USER).check();

    assertThat(result.verdict()).isEqualTo(Verdict.OK);
  }

  @Test
  void check_worldWritableFolder_failsWithTheChmod() throws Exception {
    Path state = Files.createDirectory(dir.resolve("state"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));

    DoctorResult result = new StateFolderCheck(state, USER).check();

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.found()).contains("every user can write into it (mode rwxrwxrwx)");
    assertThat(result.fix()).isEqualTo("chmod o-w " + state + " (Lockstep's own folders are 0700)");
  }

  @Test
  void check_folderOfAnotherUser_failsNamingBoth() throws Exception {
    Path state = Files.createDirectory(dir.resolve("state"));
    UserPrincipal other;
    try {
      other =
          state.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(state, other); // only root may give a folder away
    } catch (Exception e) {
      Assumptions.abort("cannot give a folder to another user here: " + e);
      return;
    }

    DoctorResult result = new StateFolderCheck(state, USER).check();

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.found()).contains("it belongs to postgres, and Lockstep runs as " + USER);
    assertThat(result.fix()).startsWith("chown -R " + USER + " " + state);
  }

  @Test
  void check_missingFolderUnderAWritableOne_isOkAndIsNotCreated() {
    Path state = dir.resolve("deep/state");

    DoctorResult result = new StateFolderCheck(state, USER).check();

    assertThat(result.verdict()).isEqualTo(Verdict.OK);
    assertThat(result.found()).contains("does not exist yet; Lockstep can create it");
    assertThat(dir.resolve("deep")).doesNotExist();
  }

  @Test
  void check_missingFolderUnderAFile_failsAndSaysHowToCreateIt() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "not a folder");
    Path state = file.resolve("state");

    DoctorResult result = new StateFolderCheck(state, USER).check();

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.found()).contains("cannot create it");
    assertThat(result.fix()).contains("mkdir -p " + state);
  }

  @Test
  void check_aFileWhereTheFolderShouldBe_fails() throws Exception {
    Path state = Files.writeString(dir.resolve("state"), "");

    DoctorResult result = new StateFolderCheck(state, USER).check();

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.found()).contains("is not a folder");
  }
}
