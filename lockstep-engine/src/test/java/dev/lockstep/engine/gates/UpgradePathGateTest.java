package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.GateResult.Verdict;
import dev.lockstep.core.signing.SigningKeys;
import dev.lockstep.core.signing.TrustedKeys;
import dev.lockstep.core.signing.TrustedKeys.TrustedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgradePathGateTest {
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
  void check_newerReleaseWithTheInstalledManifestAtHand_passes() {
    GateResult result = fixture.check(new UpgradePathGate());

    assertThat(result).isEqualTo(GateResult.passed("upgrade path", "1.0.0 → 1.1.0"));
  }

  @Test
  void check_aRequiredStopInBetween_blocksNamingItAndThePathCommand() throws Exception {
    Path stop = java.nio.file.Files.createDirectories(dir.resolve("releases/1.0.5"));
    java.nio.file.Files.writeString(
        stop.resolve("release.yaml"),
        "product: notes\nversion: 1.0.5\ncomponents:\n  api:\n    image: acme/api:1.0.5\n"
            + "requiredStop: true\n");

    GateResult result = fixture.check(new UpgradePathGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .isEqualTo(
            "1.0.0 → 1.1.0 must stop at 1.0.5 on the way (a required stop, or a release's"
                + " minimumFrom).");
    assertThat(result.fix())
        .isEqualTo(
            "`lockstep upgrade --to 1.1.0` takes every hop in turn (`lockstep path --to 1.1.0`"
                + " lists them); `lockstep plan --to 1.0.5` plans the first.");
  }

  @Test
  void check_nothingInstalled_passesAsAFirstInstall() {
    fixture.installedVersion = null;
    fixture.previous = null;

    GateResult result = fixture.check(new UpgradePathGate());

    assertThat(result).isEqualTo(GateResult.passed("upgrade path", "first install of 1.1.0"));
  }

  @Test
  void check_targetAlreadyInstalled_blocks() {
    fixture.installedVersion = "1.1.0";

    GateResult result = fixture.check(new UpgradePathGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                "upgrade path",
                "1.1.0 is already installed.",
                "nothing to do; pick a newer release."));
  }

  @Test
  void check_targetOlderThanInstalled_blocksPointingAtRollback() {
    fixture.target = fixture.release("0.9.0", List.of());

    GateResult result = fixture.check(new UpgradePathGate());

    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message()).isEqualTo("0.9.0 is older than the installed 1.0.0.");
    assertThat(result.fix())
        .isEqualTo(
            "to go back after an upgrade, use `lockstep rollback`, which knows how to undo it.");
  }

  @Test
  void check_installedManifestMissing_blocksNamingWhereItBelongs() {
    fixture.previous = null;

    GateResult result = fixture.check(new UpgradePathGate());

    Path releases = dir.resolve("releases");
    assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
    assertThat(result.message())
        .isEqualTo(
            "the manifest of the installed release 1.0.0 is not in "
                + releases
                + "; without it nothing could be rolled back.");
    assertThat(result.fix())
        .isEqualTo("put it back at " + releases.resolve("1.0.0") + "/release.yaml.");
  }

  @Test
  void check_unsignedReleaseOnTheWayWhileKeysAreTrusted_isInvalidNamingItsManifest()
      throws Exception {
    KeyPair vendor = SigningKeys.generate();
    fixture.trustedKeys =
        new TrustedKeys(
            List.of(new TrustedKey(dir.resolve("vendor.pub"), vendor.getPublic())),
            "signatures.trustedKeys in lockstep.yaml");
    Path between = Files.createDirectories(dir.resolve("releases/1.0.5"));
    Files.writeString(
        between.resolve("release.yaml"),
        "product: notes\nversion: 1.0.5\ncomponents:\n  api:\n    image: acme/api:1.0.5\n");

    GateResult result = fixture.check(new UpgradePathGate());

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.message())
        .startsWith(between.resolve("release.yaml") + ": signature: is not signed");
    assertThat(result.fix()).startsWith("put the release's signature from the vendor at ");
  }
}
