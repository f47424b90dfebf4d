package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.manifest.Artifact.ImageArtifact;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.plan.GateResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SameReleaseGateTest {
  private static final String FIX =
      "make services.<name>.component match the release's components ";

  @TempDir Path dir;
  private GateFixture fixture;

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void check_everyComponentDeployedByAService_passes() {
    GateResult result = fixture.check(new SameReleaseGate());

    assertThat(result)
        .isEqualTo(
            GateResult.passed("all components from one release", "1 components, all from 1.1.0"));
  }

  @Test
  void check_serviceRunsAComponentTheReleaseDoesNotShip_blocksNamingBoth() {
    fixture.services.put("worker", GateFixture.service("worker", "worker"));

    GateResult result = fixture.check(new SameReleaseGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                "all components from one release",
                "service worker runs component 'worker', which release 1.1.0 does not ship.",
                FIX + "[api]."));
  }

  @Test
  void check_componentNoServiceDeploys_blocksNamingIt() {
    Map<String, Component> components = new LinkedHashMap<>(fixture.target.components());
    components.put("web", new Component("web", new ImageArtifact("ghcr.io/acme/web@sha256:ab")));
    fixture.target = GateFixture.withComponents(fixture.target, components);

    GateResult result = fixture.check(new SameReleaseGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                "all components from one release",
                "component 'web' is deployed by no service.",
                FIX + "[api, web]."));
  }
}
