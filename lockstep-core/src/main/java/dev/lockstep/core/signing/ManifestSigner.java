package dev.lockstep.core.signing;

import dev.lockstep.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;

/** Signs a release manifest for the vendor: writes its signature file beside it. */
public final class ManifestSigner {
  private ManifestSigner() {}

  /** Signs {@code manifest}'s exact bytes with {@code key}, replacing any earlier signature. */
  public static ManifestSignature sign(Path manifest, PrivateKey key) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifest, e);
    }
    ManifestSignature signature =
        new ManifestSignature(
            ManifestSignature.FORMAT.current(),
            SigningKeys.ALGORITHM,
            SigningKeys.keyId(SigningKeys.publicKeyOf(key)),
            Base64.getEncoder().encodeToString(Signatures.sign(key, bytes)));
    Json.writeFile(ManifestSignature.fileOf(manifest), signature);
    return signature;
  }
}
