package dev.lockstep.engine.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.process.ProgramPath;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeTargetCheckTest {
  private static final String COMPOSE =
      """
      target:
        type: compose
        compose: {project: notes, files: [compose.yaml], pins: .env.images}
      services:
        api: {image: NOTES_API_IMAGE}
      """;

  @TempDir Path dir;

  @Test
  void check_noComposeOnThePath_failsSayingWhatInstallsIt() {
    DeploymentConfig config = DoctorConfigs.write(dir, null, COMPOSE);

    List<DoctorResult> results =
        new ComposeTargetCheck(config, ProgramPath.of(dir.resolve("empty").toString())).check();

    assertThat(results).hasSize(1);
    assertThat(results.get(0).name()).isEqualTo("docker-compose");
    assertThat(results.get(0).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(results.get(0).found()).contains("not on the PATH");
    assertThat(results.get(0).fix()).contains(".ci/containers.sh", "Podman", "Compose v2");
  }

  @Test
  void check_otherTargets_sayNothing() {
    DeploymentConfig config = DoctorConfigs.write(dir, null, DoctorConfigs.PROCESS_TARGET);

    assertThat(new ComposeTargetCheck(config, ProgramPath.fromEnvironment()).check()).isEmpty();
  }
}
