package dev.lockstep.engine.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class BackupDiskCheckTest {
  @TempDir Path dir;

  @Test
  void check_roomForTheStores_isOkWithThePlansEstimate(ThrowawayPostgres server) {
    DeploymentConfig config = DoctorConfigs.write(dir, server, DoctorConfigs.PROCESS_TARGET);

    DoctorResult result = new BackupDiskCheck(config, ServerProbe.of(config.database())).check();

    assertThat(result.verdict()).isEqualTo(Verdict.OK);
    assertThat(result.found())
        .startsWith(config.backupsDir() + ": needs about ")
        .containsPattern("\\d+\\.\\d [KMGT]B free");
  }

  @Test
  void check_commandStore_warnsThatItsSizeIsNotCounted(ThrowawayPostgres server) {
    DeploymentConfig config =
        DoctorConfigs.write(
            dir,
            server,
            DoctorConfigs.PROCESS_TARGET
                + """
                stores:
                  - name: graph
                    command: {dump: 'cp -a /srv/graph/. {dir}/', load: 'cp -a {dir}/. /srv/graph/'}
                """);

    DoctorResult result = new BackupDiskCheck(config, ServerProbe.of(config.database())).check();

    assertThat(result.verdict()).isEqualTo(Verdict.WARN);
    assertThat(result.found()).contains("not counted: the command store(s) [graph]");
    assertThat(result.fix()).contains("also has room for graph");
  }

  @Test
  void check_databaseUnreachable_warnsAndStillShowsTheFreeSpace() {
    DeploymentConfig config = DoctorConfigs.write(dir, null, DoctorConfigs.PROCESS_TARGET);

    DoctorResult result = new BackupDiskCheck(config, ServerProbe.of(config.database())).check();

    assertThat(result.verdict()).isEqualTo(Verdict.WARN);
    assertThat(result.found()).contains("cannot estimate").contains(" free in " + dir);
  }
}
