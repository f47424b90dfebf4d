package dev.lockstep.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.signing.ManifestSigner;
import dev.lockstep.core.signing.SigningKeys;
import dev.lockstep.core.signing.TrustedKeys;
import dev.lockstep.core.signing.TrustedKeys.TrustedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog with trusted keys reads a manifest only once a trusted key's signature verifies. */
class ReleaseCatalogSignatureTest {
  @TempDir Path dir;

  private final KeyPair vendor = SigningKeys.generate();
  private Path manifest;

  @BeforeEach
  void writeRelease() throws IOException {
    Path release = Files.createDirectories(dir.resolve("1.0.0"));
    Files.writeString(release.resolve("api.jar"), "the api of release 1.0.0");
    manifest = release.resolve("release.yaml");
    Files.writeString(
        manifest,
        "product: notes\nversion: 1.0.0\ncomponents:\n  api:\n    file: api.jar\n    sha256: "
            + Sha256.of(release.resolve("api.jar"))
            + "\n");
  }

  @Test
  void get_signedByATrustedKey_loadsTheManifest() {
    ManifestSigner.sign(manifest, Set.of(manifest.resolveSibling("api.jar")), vendor.getPrivate());

    assertThat(trusting().get(Version.parse("1.0.0")).version()).hasToString("1.0.0");
  }

  @Test
  void get_unsignedWhileKeysAreTrusted_isRefusedBeforeItIsRead() throws IOException {
    // Not even valid YAML: the signature is checked before the manifest is parsed.
    Files.writeString(manifest, "product: [notes\n");

    assertThatThrownBy(() -> trusting().get(Version.parse("1.0.0")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("is not signed")
        .satisfies(
            e ->
                assertThat(((BadInputException) e).errorCode())
                    .isEqualTo(ErrorCode.SIGNATURE_INVALID));
  }

  @Test
  void verifiedBytes_areTheOnesLoaded_whateverTheFileHoldsByNow() throws IOException {
    ManifestSigner.sign(manifest, Set.of(manifest.resolveSibling("api.jar")), vendor.getPrivate());
    byte[] signed = Files.readAllBytes(manifest);
    // Swapped after the read: a catalog that read the file a second time would load this one.
    Files.writeString(
        manifest, Files.readString(manifest).replace("product: notes", "product: forged"));

    TrustedKeys keys = trustedKeys();
    assertThat(keys.verify(manifest, signed)).isNotNull();
    assertThat(new ManifestLoader().load(manifest, signed).product()).isEqualTo("notes");
    assertThatThrownBy(() -> keys.verify(manifest))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("the manifest changed after it was signed");
  }

  @Test
  void get_withoutTrustedKeys_readsUnsignedManifestsAsBefore() {
    assertThat(new ReleaseCatalog(dir).get(Version.parse("1.0.0")).version()).hasToString("1.0.0");
  }

  @Test
  void get_artifactDigestChangedInTheManifest_breaksTheSignature() throws IOException {
    ManifestSigner.sign(manifest, Set.of(manifest.resolveSibling("api.jar")), vendor.getPrivate());
    // Re-pointing the manifest at a tampered artifact means editing its sha256, which the
    // signature covers: the artifacts are signed through their digests.
    Path jar = manifest.resolveSibling("api.jar");
    Files.writeString(jar, "the api of release 1.0.0, tampered with");
    String text = Files.readString(manifest);
    Files.writeString(
        manifest, text.replaceAll("sha256: [0-9a-f]{64}", "sha256: " + Sha256.of(jar)));

    assertThatThrownBy(() -> trusting().get(Version.parse("1.0.0")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("does not match its signature");
  }

  private ReleaseCatalog trusting() {
    return new ReleaseCatalog(dir, trustedKeys());
  }

  private TrustedKeys trustedKeys() {
    return new TrustedKeys(
        List.of(new TrustedKey(dir.resolve("vendor.pub"), vendor.getPublic())), "test keys");
  }
}
