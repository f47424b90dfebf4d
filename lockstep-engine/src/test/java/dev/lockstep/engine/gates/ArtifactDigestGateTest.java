package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Artifact.ImageArtifact;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.plan.GateResult.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files, hashed as the gate hashes them before anything is installed. */
class ArtifactDigestGateTest {
  private static final String FIX =
      "the artifact is not the one published for 1.1.0: download it again from the vendor; never"
          + " edit the manifest to match.";

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
  void check_fileMatchesItsSha256_passes() {
    GateResult result = fixture.check(new ArtifactDigestGate());

    assertThat(result)
        .isEqualTo(GateResult.passed("artifact digests", "1 file artifacts match their sha256"));
  }

  @Test
  void check_imagesOnly_passesWithNoFileToCheck() {
    fixture.target =
        GateFixture.withComponents(
            fixture.target,
            Map.of("api", new Component("api", new ImageArtifact("ghcr.io/acme/api@sha256:ab"))));

    GateResult result = fixture.check(new ArtifactDigestGate());

    assertThat(result)
        .isEqualTo(GateResult.passed("artifact digests", "0 file artifacts match their sha256"));
  }

  @Test
  void check_fileChangedAfterPublishing_isInvalidWithBothDigests() throws Exception {
    FileArtifact published = artifact();
    String expected = published.sha256();
    Files.writeString(published.path(), "api 1.1.0, patched by hand");
    String actual = Sha256.of(published.path());

    GateResult result = fixture.check(new ArtifactDigestGate());

    assertThat(result)
        .isEqualTo(
            GateResult.invalid(
                "artifact digests",
                "components.api.sha256 says "
                    + expected
                    + ", but "
                    + published.path()
                    + " has sha256 "
                    + actual
                    + " ("
                    + fixture.target.file()
                    + ").",
                FIX));
  }

  @Test
  void check_fileMissing_isInvalidNamingIt() throws Exception {
    Files.delete(artifact().path());

    GateResult result = fixture.check(new ArtifactDigestGate());

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.message())
        .isEqualTo("api: " + artifact().path() + " is missing (" + fixture.target.file() + ").");
    assertThat(result.fix()).isEqualTo(FIX);
  }

  private FileArtifact artifact() {
    return (FileArtifact) fixture.target.components().get("api").artifact();
  }
}
