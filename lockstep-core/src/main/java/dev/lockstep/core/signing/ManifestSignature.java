package dev.lockstep.core.signing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.io.FileFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The signature file beside a release manifest ({@code release.yaml.sig}). It signs the manifest's
 * exact bytes and every other file of the release folder that the manifest does not pin by sha256
 * (migrations, the schema snapshot, anything else shipped): file artifacts are pinned by the
 * manifest, so signing the manifest signs them too.
 *
 * <p>What is signed is the {@link #statement()}, one line per file with its sha256, so that the
 * signature file says which file differs when one does.
 *
 * @param keyId {@code sha256:} and the hex of the signing public key's encoding
 * @param manifestSha256 the sha256 of the manifest as it was signed
 * @param files every other file signed: its path relative to the release folder ({@code /} between
 *     names) → its sha256
 * @param signature the Ed25519 signature of the statement, in base64
 */
@JsonPropertyOrder({"formatVersion", "algorithm", "keyId", "manifestSha256", "files", "signature"})
public record ManifestSignature(
    int formatVersion,
    String algorithm,
    String keyId,
    String manifestSha256,
    Map<String, String> files,
    String signature) {
  public static final String SUFFIX = ".sig";
  public static final FileFormat FORMAT =
      new FileFormat("manifest signature", 1, ErrorCode.SIGNATURE_INVALID);

  public ManifestSignature {
    files = files == null ? Map.of() : new TreeMap<>(files);
  }

  /** The signature file of {@code manifest}. */
  public static Path fileOf(Path manifest) {
    return manifest.resolveSibling(manifest.getFileName() + SUFFIX);
  }

  /** The bytes signed: the format, the manifest's digest, then each file's, sorted by path. */
  byte[] statement() {
    StringBuilder text = new StringBuilder("lockstep release signature " + formatVersion + "\n");
    text.append("manifest ").append(manifestSha256).append('\n');
    files.forEach(
        (path, sha256) ->
            text.append("file ").append(sha256).append(' ').append(path).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
