package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.ComposeConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.manifest.Artifact.ImageArtifact;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.plan.GateResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asks the real engine (see lockstep-targets' ComposeTargetTest for what it needs). */
class ComposeImagesGateTest {
  @TempDir Path dir;
  GateFixture fixture;

  @BeforeEach
  void ready() throws Exception {
    fixture = new GateFixture(dir);
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  api:\n    image: ${API_IMAGE}\n");
    fixture.targetType = TargetType.COMPOSE;
    fixture.compose =
        new ComposeConfig(
            "lockstep-gate-test",
            List.of(dir.resolve("compose.yaml")),
            List.of(),
            List.of(),
            dir.resolve(".env.images"),
            null,
            List.of(),
            Duration.ofMinutes(1));
    fixture.services =
        new java.util.LinkedHashMap<>(
            Map.of(
                "api",
                new ServiceConfig(
                    "api",
                    "api",
                    List.of("local"),
                    null,
                    null,
                    Map.of(),
                    Duration.ofSeconds(5),
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    "API_IMAGE")));
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void check_imageTheEngineLacks_blocksBeforeAnythingStops_namingIt() {
    fixture.target =
        GateFixture.withComponents(
            fixture.target,
            Map.of(
                "api",
                new Component("api", new ImageArtifact("localhost/lockstep-test/absent:1.1.0"))));

    GateResult result = fixture.check(new ComposeImagesGate());

    assertThat(result.verdict()).isEqualTo(GateResult.Verdict.BLOCKED);
    assertThat(result.message())
        .contains(
            "the engine lacks 1 image(s) of 1.1.0: api: localhost/lockstep-test/absent:1.1.0");
    assertThat(result.fix()).contains("pull or build it first");
  }
}
