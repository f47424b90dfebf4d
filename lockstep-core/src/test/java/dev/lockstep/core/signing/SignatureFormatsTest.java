package dev.lockstep.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest signature's version 1, as a golden file: signing the same release with the same key
 * writes it byte for byte (Ed25519 is deterministic), and it still verifies.
 */
class SignatureFormatsTest {
  private static final Path V1 = Path.of("src/test/resources/formats/signature/v1/release");
  private static final Path GOLDEN = V1.resolve("release.yaml.sig");

  /** A key for this test only: 32 fixed bytes, so the signature never changes. */
  private static final byte[] TEST_ONLY_SEED = new byte[32];

  static {
    for (int i = 0; i < TEST_ONLY_SEED.length; i++) {
      TEST_ONLY_SEED[i] = (byte) (i * 7 + 1);
    }
  }

  @TempDir Path dir;

  @Test
  void sign_sameReleaseAndKey_writesTheVersionOneGoldenFile() throws Exception {
    Path copy = copyRelease();

    ManifestSigner.sign(
        copy.resolve("release.yaml"), Set.of(copy.resolve("api.jar")), testOnlyKey());

    String written = Files.readString(copy.resolve("release.yaml.sig"));
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, written);
    }
    assertThat(written).isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void verify_versionOneGoldenFile_isAcceptedFromItsKey() throws Exception {
    PrivateKey key = testOnlyKey();
    TrustedKeys trusted =
        new TrustedKeys(
            List.of(
                new TrustedKeys.TrustedKey(Path.of("test-only.pub"), SigningKeys.publicKeyOf(key))),
            "test");

    assertThat(trusted.verify(V1.resolve("release.yaml").toAbsolutePath()).keyId())
        .isEqualTo(SigningKeys.keyId(SigningKeys.publicKeyOf(key)));
  }

  private Path copyRelease() throws IOException {
    try (Stream<Path> files = Files.walk(V1)) {
      for (Path file : files.toList()) {
        Path target = dir.resolve(V1.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.equals(GOLDEN)) {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return dir;
  }

  private static PrivateKey testOnlyKey() throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, TEST_ONLY_SEED));
  }
}
