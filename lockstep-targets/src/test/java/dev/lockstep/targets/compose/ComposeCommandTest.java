package dev.lockstep.targets.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.ComposeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeCommandTest {
  @TempDir Path dir;

  @Test
  void argv_globalFlagsInOrder_pinsFileLast() throws IOException {
    Files.writeString(dir.resolve(".env.images"), "API_IMAGE=acme/api:1.0.0\n");
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
            dir.resolve("compose.yaml").toString(),
            "-f",
            dir.resolve("compose.prod.yaml").toString(),
            "--profile",
            "deploy",
            "--env-file",
            dir.resolve(".env").toString(),
            "--env-file",
            dir.resolve(".env.images").toString(),
            "up",
            "-d",
            "api");
  }

  @Test
  void argv_beforeAnythingIsPinned_leavesThePinsFileOut_soThatStopAndPsStillWork() {
    ComposeConfig compose = compose(List.of("docker", "compose"), List.of());

    assertThat(ComposeCommand.of(compose, program -> Optional.empty()).argv("stop", "api"))
        .doesNotContain(dir.resolve(".env.images").toString())
        .endsWith("--env-file", dir.resolve(".env").toString(), "stop", "api");
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

  private ComposeConfig compose(List<String> command, List<String> profiles) {
    return new ComposeConfig(
        "notes",
        List.of(dir.resolve("compose.yaml"), dir.resolve("compose.prod.yaml")),
        profiles,
        List.of(dir.resolve(".env")),
        dir.resolve(".env.images"),
        "migrate",
        command,
        Duration.ofMinutes(2));
  }
}
