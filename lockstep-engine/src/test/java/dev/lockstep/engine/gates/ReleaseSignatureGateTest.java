package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.GateResult.Verdict;
import dev.lockstep.core.signing.ManifestSigner;
import dev.lockstep.core.signing.SigningKeys;
import dev.lockstep.core.signing.TrustedKeys;
import dev.lockstep.core.signing.TrustedKeys.TrustedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseSignatureGateTest {
  @TempDir Path dir;
  private GateFixture fixture;
  private final KeyPair vendor = SigningKeys.generate();

  @BeforeEach
  void ready() throws Exception {
    fixture = new GateFixture(dir);
    for (var release : List.of(fixture.previous, fixture.target)) {
      Files.writeString(release.file(), "product: notes\nversion: " + release.version() + "\n");
      ManifestSigner.sign(
          release.file(), Set.of(release.file().resolveSibling("api.jar")), vendor.getPrivate());
    }
    fixture.trustedKeys =
        new TrustedKeys(
            List.of(new TrustedKey(dir.resolve("keys/vendor.pub"), vendor.getPublic())),
            "signatures.trustedKeys in lockstep.yaml");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void check_noTrustedKeys_doesNotApply() {
    fixture.trustedKeys = TrustedKeys.NONE;

    assertThat(fixture.check(new ReleaseSignatureGate())).isNull();
  }

  @Test
  void check_targetAndInstalledSigned_passesNamingTheKey() {
    GateResult result = fixture.check(new ReleaseSignatureGate());

    assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(result.message())
        .isEqualTo(
            "signed by trusted keys: 1.1.0 by "
                + SigningKeys.keyId(vendor.getPublic())
                + " (vendor.pub); 1.0.0 by "
                + SigningKeys.keyId(vendor.getPublic())
                + " (vendor.pub)");
  }

  @Test
  void check_installedReleaseChangedSinceSigning_isInvalidNamingItsManifest() throws Exception {
    Files.writeString(
        fixture.previous.file(), "# edited\n", java.nio.file.StandardOpenOption.APPEND);

    GateResult result = fixture.check(new ReleaseSignatureGate());

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.message())
        .startsWith(fixture.previous.file() + ": signature: does not match its signature");
    assertThat(result.fix()).startsWith("get the manifest and its signature again");
  }
}
