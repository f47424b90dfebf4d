package dev.lockstep.core.signing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.io.FileFormat;
import java.nio.file.Path;

/**
 * The signature file beside a release manifest ({@code release.yaml.sig}): the Ed25519 signature of
 * the manifest file's exact bytes, and the id of the key that made it. Artifacts are covered
 * through the manifest, which pins each one by its sha256.
 *
 * @param keyId {@code sha256:} and the hex of the signing public key's encoding
 * @param signature the signature, in base64
 */
@JsonPropertyOrder({"formatVersion", "algorithm", "keyId", "signature"})
public record ManifestSignature(
    int formatVersion, String algorithm, String keyId, String signature) {
  public static final String SUFFIX = ".sig";
  public static final FileFormat FORMAT =
      new FileFormat("manifest signature", 1, ErrorCode.SIGNATURE_INVALID);

  /** The signature file of {@code manifest}. */
  public static Path fileOf(Path manifest) {
    return manifest.resolveSibling(manifest.getFileName() + SUFFIX);
  }
}
