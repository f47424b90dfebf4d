package dev.lockstep.engine.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.process.ProgramPath;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerCheckTest {
  private static final String COMPOSE =
      """
      target: {type: command}
      services:
        backend:
          stop: docker compose --profile deploy stop {service}
          install: docker pull {artifact}
          start: docker compose --profile deploy up -d {service}
      """;

  @TempDir Path dir;

  @Test
  void check_noDockerOnThePath_warnsForDockerAndTheComposePlugin() {
    DeploymentConfig config = DoctorConfigs.write(dir, null, COMPOSE);

    List<DoctorResult> results =
        new DockerCheck(config, ProgramPath.of(dir.resolve("empty").toString())).check();

    assertThat(results).extracting(DoctorResult::name).containsExactly("docker", "docker compose");
    assertThat(results).allSatisfy(r -> assertThat(r.verdict()).isEqualTo(Verdict.WARN));
    assertThat(results.get(1).fix()).contains("docker-compose-plugin");
  }

  @Test
  void check_configWithoutDocker_saysNothing() {
    DeploymentConfig config = DoctorConfigs.write(dir, null, DoctorConfigs.PROCESS_TARGET);

    assertThat(new DockerCheck(config, ProgramPath.fromEnvironment()).check()).isEmpty();
  }

  @Test
  void check_dockerComposeProgram_isLookedUpOnThePath() {
    DeploymentConfig config =
        DoctorConfigs.write(
            dir,
            null,
            """
            target: {type: command}
            services:
              app: {stop: docker-compose stop app, install: 'true', start: docker-compose up -d app}
            """);

    List<DoctorResult> results =
        new DockerCheck(config, ProgramPath.of(dir.resolve("empty").toString())).check();

    assertThat(results).extracting(DoctorResult::name).containsExactly("docker-compose");
    assertThat(results.get(0).verdict()).isEqualTo(Verdict.WARN);
  }
}
