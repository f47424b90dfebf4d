package dev.lockstep.engine.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DatabaseServerCheckTest {
  private static final Path CONFIG = Path.of("/srv/lockstep.yaml");

  @Test
  void check_serverAnswers_isOkWithItsVersion(ThrowawayPostgres server) {
    DoctorResult result =
        new DatabaseServerCheck(ServerProbe.of(server.database("postgres")), CONFIG).check();

    assertThat(result.verdict()).isEqualTo(Verdict.OK);
    assertThat(result.found())
        .matches("PostgreSQL \\d+\\.\\d+ at 127\\.0\\.0\\.1:" + server.port() + ", .*");
  }

  @Test
  void check_nothingListens_isAFailedCheckNotAnException() {
    DatabaseConfig nowhere =
        new DatabaseConfig("127.0.0.1", 1, "notes", "notes", Secret.of("x"), "postgres");

    DoctorResult result = new DatabaseServerCheck(ServerProbe.of(nowhere), CONFIG).check();

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.found()).contains("127.0.0.1:1, database notes as notes");
    assertThat(result.fix()).contains("database.host").contains(CONFIG.toString());
  }

  @Test
  void check_wrongPassword_failsWithoutShowingIt(ThrowawayPostgres server) {
    DatabaseConfig wrong =
        new DatabaseConfig(
            "127.0.0.1",
            server.port(),
            "postgres",
            server.superuser(),
            Secret.of("s3cr3t-wr0ng"),
            "postgres");

    DoctorResult result = new DatabaseServerCheck(ServerProbe.of(wrong), CONFIG).check();

    assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(result.toString()).doesNotContain("s3cr3t-wr0ng");
  }
}
