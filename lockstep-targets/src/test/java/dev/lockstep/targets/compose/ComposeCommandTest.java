package dev.lockstep.targets.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.ComposeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComposeCommandTest {
  private static final Path DIR = Path.of("/srv/notes");

  @Test
  void argv_globalFlagsInOrder_pinsFileLast() {
    ComposeConfig compose = compose(List.of("docker", "compose"), List.of("deploy"));

    assertThat(ComposeCommand.of(compose, program -> Optional.empty()).argv("up", "-d", "api"))
        .containsExactly(
            "docker",
            "compose",
            "--ansi",
            "never",
            "-p",
            "notes",
            "-f",
            "/srv/notes/compose.yaml",
            "-f",
            "/srv/notes/compose.prod.yaml",
            "--profile",
            "deploy",
            "--env-file",
            "/srv/notes/.env",
            "--env-file",
            "/srv/notes/.env.images",
            "up",
            "-d",
            "api");
  }

  @Test
  void program_default_isTheDockerPluginWhenDockerIsOnThePath() {
    ComposeConfig compose = compose(List.of(), List.of());

    assertThat(ComposeCommand.program(compose, p -> Optional.of(Path.of("/usr/bin/" + p))))
        .containsExactly("docker", "compose");
    assertThat(ComposeCommand.program(compose, p -> Optional.empty()))
        .containsExactly("docker-compose");
  }

  @Test
  void engineCli_followsTheComposeProgram() {
    assertThat(EngineCli.cli(List.of("/opt/bin/docker", "compose"), p -> Optional.empty()))
        .isEqualTo("/opt/bin/docker");
    assertThat(EngineCli.cli(List.of("docker-compose"), p -> Optional.empty())).isEqualTo("podman");
    assertThat(
            EngineCli.cli(List.of("docker-compose"), p -> Optional.of(Path.of("/usr/bin/docker"))))
        .isEqualTo("docker");
  }

  private static ComposeConfig compose(List<String> command, List<String> profiles) {
    return new ComposeConfig(
        "notes",
        List.of(DIR.resolve("compose.yaml"), DIR.resolve("compose.prod.yaml")),
        profiles,
        List.of(DIR.resolve(".env")),
        DIR.resolve(".env.images"),
        "migrate",
        command,
        Duration.ofMinutes(2));
  }
}
