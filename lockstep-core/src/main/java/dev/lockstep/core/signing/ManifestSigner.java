package dev.lockstep.core.signing;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Signs a release for the vendor: writes the signature file beside its manifest. */
public final class ManifestSigner {
  private ManifestSigner() {}

  /**
   * Signs {@code manifest} and every file of its folder except {@code pinned} (the file artifacts
   * the manifest pins by sha256), replacing any earlier signature.
   */
  public static ManifestSignature sign(Path manifest, Set<Path> pinned, PrivateKey key) {
    Path file = manifest.toAbsolutePath().normalize();
    Path signatureFile = ManifestSignature.fileOf(file);
    Map<String, String> files = new TreeMap<>();
    Set<Path> skipped =
        Set.copyOf(pinned.stream().map(p -> p.toAbsolutePath().normalize()).toList());
    Path folder = file.getParent();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
        if (path.equals(file) || path.equals(signatureFile) || skipped.contains(path)) {
          continue;
        }
        String name = folder.relativize(path).toString().replace('\\', '/');
        if (name.chars().anyMatch(Character::isISOControl)) {
          throw new BadInputException(
              ErrorCode.USAGE,
              new Problem(
                  path,
                  "",
                  "has a control character (a line break …) in its name; it cannot be signed.",
                  "rename the file."));
        }
        files.put(name, Sha256.of(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    ManifestSignature unsigned =
        new ManifestSignature(
            ManifestSignature.FORMAT.current(),
            SigningKeys.ALGORITHM,
            SigningKeys.keyId(SigningKeys.publicKeyOf(key)),
            Sha256.of(file),
            files,
            null);
    ManifestSignature signed =
        new ManifestSignature(
            unsigned.formatVersion(),
            unsigned.algorithm(),
            unsigned.keyId(),
            unsigned.manifestSha256(),
            unsigned.files(),
            Base64.getEncoder().encodeToString(Signatures.sign(key, unsigned.statement())));
    Json.writeFile(signatureFile, signed);
    return signed;
  }
}
