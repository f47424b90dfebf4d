package dev.lockstep.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.signing.TrustedKeys.TrustedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing and verifying manifests with real Ed25519 keys generated here. */
class TrustedKeysTest {
  @TempDir Path dir;

  private final KeyPair vendor = SigningKeys.generate();
  private Path manifest;
  private Path vendorPub;

  @BeforeEach
  void writeManifest() throws IOException {
    manifest = dir.resolve("releases/1.0.0/release.yaml");
    Files.createDirectories(manifest.getParent());
    Files.writeString(manifest, "product: notes\nversion: 1.0.0\n");
    vendorPub = dir.resolve("vendor.pub");
    Files.writeString(vendorPub, SigningKeys.pem(vendor.getPublic()));
  }

  @Test
  void verify_manifestSignedByATrustedKey_returnsThatKey() {
    ManifestSignature signature = ManifestSigner.sign(manifest, Set.of(), vendor.getPrivate());

    TrustedKey signer = trusting(vendor).verify(manifest);

    assertThat(signer.keyId()).isEqualTo(SigningKeys.keyId(vendor.getPublic()));
    assertThat(signature.keyId()).isEqualTo(signer.keyId());
    assertThat(signature.algorithm()).isEqualTo("Ed25519");
    assertThat(ManifestSignature.fileOf(manifest)).hasFileName("release.yaml.sig").exists();
  }

  @Test
  void verify_oneOfSeveralTrustedKeys_isEnough() {
    ManifestSigner.sign(manifest, Set.of(), vendor.getPrivate());

    assertThat(trusting(SigningKeys.generate(), vendor).verify(manifest).keyId())
        .isEqualTo(SigningKeys.keyId(vendor.getPublic()));
  }

  @Test
  void verify_byteChangedAfterSigning_isRefusedNamingTheManifestAndTheFix() throws IOException {
    ManifestSigner.sign(manifest, Set.of(), vendor.getPrivate());
    byte[] bytes = Files.readAllBytes(manifest);
    bytes[bytes.length - 2] = (byte) '1'; // version: 1.0.1
    Files.write(manifest, bytes);

    assertThatThrownBy(() -> trusting(vendor).verify(manifest))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(manifest.toString())
        .hasMessageContaining("does not match its signature")
        .hasMessageContaining("Fix: get the manifest and its signature again from the vendor")
        .satisfies(e -> assertThat(((BadInputException) e).exitCode()).isEqualTo(2))
        .satisfies(
            e ->
                assertThat(((BadInputException) e).errorCode())
                    .isEqualTo(ErrorCode.SIGNATURE_INVALID));
  }

  @Test
  void verify_noSignatureFile_isRefusedSayingWhereTheSignatureGoes() {
    assertThatThrownBy(() -> trusting(vendor).verify(manifest))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(manifest + ": signature: is not signed")
        .hasMessageContaining("Fix: put the release's signature from the vendor at " + manifest)
        .hasMessageContaining("release.yaml.sig")
        .satisfies(e -> assertThat(((BadInputException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void verify_signedByAnUntrustedKey_isRefusedNamingBothKeys() {
    KeyPair stranger = SigningKeys.generate();
    ManifestSigner.sign(manifest, Set.of(), stranger.getPrivate());

    assertThatThrownBy(() -> trusting(vendor).verify(manifest))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(ManifestSignature.fileOf(manifest) + ": keyId:")
        .hasMessageContaining(SigningKeys.keyId(stranger.getPublic()) + ", which is not trusted")
        .hasMessageContaining(SigningKeys.keyId(vendor.getPublic()))
        .hasMessageContaining("Fix: get the release signed by a trusted key")
        .satisfies(e -> assertThat(((BadInputException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void verify_signatureClaimingATrustedKeyIdButMadeByAnother_doesNotVerify() throws IOException {
    ManifestSigner.sign(manifest, Set.of(), SigningKeys.generate().getPrivate());
    Path sig = ManifestSignature.fileOf(manifest);
    String forged =
        Files.readString(sig)
            .replaceAll("sha256:[0-9a-f]{64}", SigningKeys.keyId(vendor.getPublic()));
    Files.writeString(sig, forged);

    assertThatThrownBy(() -> trusting(vendor).verify(manifest))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(sig + ": signature: does not verify with trusted key");
  }

  @Test
  void verify_signatureFileNotJson_isRefusedNamingIt() throws IOException {
    Files.writeString(ManifestSignature.fileOf(manifest), "not json", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> trusting(vendor).verify(manifest))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(ManifestSignature.fileOf(manifest) + ": formatVersion:")
        .hasMessageContaining("is not a manifest signature")
        .satisfies(e -> assertThat(((BadInputException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void verify_signatureFromANewerLockstep_isRefusedAsTooNew() throws IOException {
    ManifestSigner.sign(manifest, Set.of(), vendor.getPrivate());
    Path sig = ManifestSignature.fileOf(manifest);
    Files.writeString(
        sig, Files.readString(sig).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));

    assertThatThrownBy(() -> trusting(vendor).verify(manifest))
        .isInstanceOf(BadInputException.class)
        .satisfies(
            e ->
                assertThat(((BadInputException) e).errorCode())
                    .isEqualTo(ErrorCode.FORMAT_TOO_NEW));
  }

  @Test
  void verify_migrationChangedAfterSigning_isRefusedNamingThatFile() throws IOException {
    Path migration = manifest.resolveSibling("migrations/V1__create_notes.sql");
    Files.createDirectories(migration.getParent());
    Files.writeString(migration, "CREATE TABLE notes (id bigint);\n");
    ManifestSignature signature = ManifestSigner.sign(manifest, Set.of(), vendor.getPrivate());
    assertThat(signature.files()).containsOnlyKeys("migrations/V1__create_notes.sql");
    Files.writeString(migration, "DROP TABLE users;\n");

    assertThatThrownBy(() -> trusting(vendor).verify(manifest))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(migration + ": signature: does not match the release's signature")
        .hasMessageContaining("the file changed after the release was signed")
        .hasMessageContaining("Fix: get the release again from the vendor")
        .satisfies(e -> assertThat(((BadInputException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void verify_signedFileDeleted_isRefusedNamingIt() throws IOException {
    Path notes = manifest.resolveSibling("NOTES.md");
    Files.writeString(notes, "what changed");
    ManifestSigner.sign(manifest, Set.of(), vendor.getPrivate());
    Files.delete(notes);

    assertThatThrownBy(() -> trusting(vendor).verify(manifest))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(notes + ": signature: is missing, but the release's signature");
  }

  @Test
  void sign_pinnedArtifacts_areLeftToTheManifestsDigests() throws IOException {
    Path jar = manifest.resolveSibling("api.jar");
    Files.writeString(jar, "the api");

    ManifestSignature signature = ManifestSigner.sign(manifest, Set.of(jar), vendor.getPrivate());

    assertThat(signature.files()).isEmpty();
  }

  @Test
  void verify_signatureFileWithAnAlteredFileDigest_doesNotVerify() throws IOException {
    Path migration = manifest.resolveSibling("V1.sql");
    Files.writeString(migration, "CREATE TABLE notes (id bigint);\n");
    ManifestSigner.sign(manifest, Set.of(), vendor.getPrivate());
    Files.writeString(migration, "DROP TABLE users;\n");
    // The forger writes the new digest into the signature file: the signature no longer holds.
    Path sig = ManifestSignature.fileOf(manifest);
    Files.writeString(
        sig,
        Files.readString(sig)
            .replace(
                dev.lockstep.core.io.Sha256.of("CREATE TABLE notes (id bigint);\n".getBytes()),
                dev.lockstep.core.io.Sha256.of(migration)));

    assertThatThrownBy(() -> trusting(vendor).verify(manifest))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(sig + ": signature: does not verify with trusted key")
        .hasMessageContaining("the signature file was changed after it was signed");
  }

  @Test
  void verify_fileNameSpanningLinesInTheSignature_isRefusedAsMalformed() throws IOException {
    Path migration = manifest.resolveSibling("a.sql");
    Files.writeString(migration, "SELECT 1;\n");
    ManifestSigner.sign(manifest, Set.of(), vendor.getPrivate());
    Path sig = ManifestSignature.fileOf(manifest);
    // A name that makes the same signed statement while pointing at another file.
    Files.writeString(sig, Files.readString(sig).replace("\"a.sql\"", "\"a.sql\\nfile x b.sql\""));

    assertThatThrownBy(() -> trusting(vendor).verify(manifest))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(sig + ": formatVersion: is not a manifest signature")
        .hasMessageContaining("a file name with a line break");
  }

  @Test
  void publicKeyOf_privateKey_isItsOwnPublicKey() {
    assertThat(SigningKeys.publicKeyOf(vendor.getPrivate()).getEncoded())
        .isEqualTo(vendor.getPublic().getEncoded());
  }

  @Test
  void readPublicAndPrivate_pemWrittenByPem_readsTheSameKeys() throws IOException {
    Path key = dir.resolve("vendor.key");
    Files.writeString(key, SigningKeys.pem(vendor.getPrivate()));

    assertThat(SigningKeys.readPublic(vendorPub, ErrorCode.USAGE, vendorPub, "--key").getEncoded())
        .isEqualTo(vendor.getPublic().getEncoded());
    assertThat(SigningKeys.readPrivate(key, ErrorCode.USAGE, key, "--key").getEncoded())
        .isEqualTo(vendor.getPrivate().getEncoded());
  }

  @Test
  void readPublic_privateKeyGivenInstead_isRefusedWithTheFix() throws IOException {
    Path key = dir.resolve("vendor.key");
    Files.writeString(key, SigningKeys.pem(vendor.getPrivate()));

    assertThatThrownBy(() -> SigningKeys.readPublic(key, ErrorCode.USAGE, key, "--key"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("holds no Ed25519 public key in PEM")
        .hasMessageContaining("Fix: name the vendor's public key");
  }

  private TrustedKeys trusting(KeyPair... pairs) {
    return new TrustedKeys(
        List.of(pairs).stream()
            .map(pair -> new TrustedKey(dir.resolve("key.pub"), pair.getPublic()))
            .toList(),
        "signatures.trustedKeys in lockstep.yaml");
  }
}
