package dev.lockstep.engine.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class DoctorTest {
  @TempDir Path dir;

  @Test
  void examine_thisMachine_findsWhatTheConfigNeedsAndChangesNothing(ThrowawayPostgres server)
      throws Exception {
    DeploymentConfig config = DoctorConfigs.write(dir, server, DoctorConfigs.PROCESS_TARGET);

    DoctorReport report = new Doctor(config, Machine.current()).examine();

    assertThat(report.results())
        .extracting(DoctorResult::name)
        .containsExactly(
            "database server",
            "pg_dump",
            "pg_restore",
            "psql",
            "initdb",
            "pg_ctl",
            "disk space for backups",
            "state folder",
            "setsid",
            "java");
    assertThat(report.failures()).as(report.toString()).isZero();
    assertThat(report.exitCode()).isZero();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve("lockstep.yaml"));
    }
  }

  @Test
  void examine_unreachableServer_failsThatCheckAndGoesOn() {
    DeploymentConfig config = DoctorConfigs.write(dir, null, DoctorConfigs.PROCESS_TARGET);

    DoctorReport report = new Doctor(config, Machine.current()).examine();

    assertThat(report.results().get(0).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(report.results()).hasSize(10);
    assertThat(report.exitCode()).isEqualTo(1);
  }
}
