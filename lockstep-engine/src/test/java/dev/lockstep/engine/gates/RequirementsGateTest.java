package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.manifest.Requirements;
import dev.lockstep.core.manifest.VersionRange;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.GateResult.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server is PostgreSQL 15.4 (the fixture's probe); runtimes answer through real commands. */
class RequirementsGateTest {
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
  void check_releaseRequiresNothing_isLeftOut() {
    assertThat(fixture.check(new RequirementsGate())).isNull();
  }

  @Test
  void check_everyRequirementMet_passesWithTheVersionsFound() {
    require(">=14", new Requirements.Runtime("node", "echo v18.17.0", range(">=18 <21")));

    GateResult result = fixture.check(new RequirementsGate());

    assertThat(result)
        .isEqualTo(
            GateResult.passed(
                "release requirements", "PostgreSQL >=14: 15.4; node >=18 <21: 18.17.0"));
  }

  @Test
  void check_oldServerAndOldRuntime_blockNamingBoth() {
    require("^16", new Requirements.Runtime("node", "echo v16.20.2", range(">=18 <21")));

    GateResult result = fixture.check(new RequirementsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .isEqualTo(
            "1.1.0 requires PostgreSQL ^16, the server is 15.4; node >=18 <21 (`echo v16.20.2`"
                + " says 16.20.2).");
  }

  @Test
  void check_runtimeCommandFailsOrPrintsNoVersion_blocksWithItsOutput() {
    require(
        null,
        new Requirements.Runtime("node", "echo 'node: not found' >&2; exit 127", range(">=18")),
        new Requirements.Runtime("java", "echo hello", range(">=17")));

    GateResult result = fixture.check(new RequirementsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .contains("node >=18 (`echo 'node: not found' >&2; exit 127` failed: node: not found)")
        .contains("java >=17 (`echo hello` printed no version: hello)");
  }

  @Test
  void check_databaseUnreachable_blocksSayingTheVersionWasNotRead() {
    require(">=14");
    fixture.database = DatabaseProbe.unreachable("connection refused");

    GateResult result = fixture.check(new RequirementsGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message()).contains("the server could not be asked its version");
  }

  private void require(String postgres, Requirements.Runtime... runtimes) {
    ReleaseManifest target = fixture.target;
    fixture.target =
        new ReleaseManifest(
            target.file(),
            target.product(),
            target.version(),
            target.components(),
            target.migrationsDir(),
            target.migrations(),
            target.notes(),
            target.runner(),
            target.history(),
            target.schemaFile(),
            target.compatibleWith(),
            target.stops(),
            new Requirements(postgres == null ? null : range(postgres), List.of(runtimes)));
  }

  private static VersionRange range(String text) {
    return VersionRange.parse(text).orElseThrow();
  }
}
