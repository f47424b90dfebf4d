package dev.lockstep.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPassFileTest {
  @TempDir Path dir;

  @Test
  void create_writesOneOwnerOnlyLineForEveryDatabase() throws Exception {
    try (PgPassFile file = PgPassFile.create("db.local", 5433, "app", Secret.of("s3cret"), dir)) {
      assertThat(file.path().getParent()).isEqualTo(dir);
      assertThat(Files.readString(file.path())).isEqualTo("db.local:5433:*:app:s3cret\n");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
          .isEqualTo("rw-------");
      assertThat(file.environment())
          .containsExactly(java.util.Map.entry("PGPASSFILE", file.path().toString()));
    }
  }

  @Test
  void create_escapesColonsAndBackslashes() throws Exception {
    try (PgPassFile file = PgPassFile.create("::1", 5432, "a:b", Secret.of("p:w\\x"), dir)) {
      assertThat(Files.readString(file.path())).isEqualTo("\\:\\:1:5432:*:a\\:b:p\\:w\\\\x\n");
    }
  }

  @Test
  void close_deletesTheFile() {
    PgPassFile file = PgPassFile.create("h", 1, "u", Secret.of("pw"), dir);
    file.close();
    assertThat(file.path()).doesNotExist();
    file.close();
  }
}
