package dev.lockstep.core.signing;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.io.FileFormat;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The public keys a deployment (or {@code release verify}) accepts releases from. With none,
 * manifests are read unsigned, as before signatures existed; with any, a manifest is read only once
 * a signature by one of them verifies, over its exact bytes and every other file it signed.
 *
 * @param keys the keys, in the order they were given
 * @param source where they were named, for messages: {@code signatures.trustedKeys in
 *     /srv/lockstep.yaml}, {@code --key}
 */
public record TrustedKeys(List<TrustedKey> keys, String source) {
  public static final TrustedKeys NONE = new TrustedKeys(List.of(), "");

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private static final String REFETCH =
      "get the manifest and its signature again from the vendor; never edit a signed release"
          + " (the vendor signs a changed one again with `lockstep release sign`).";

  /** One trusted key and the file it was read from. */
  public record TrustedKey(Path file, PublicKey key, String keyId) {
    public TrustedKey(Path file, PublicKey key) {
      this(file, key, SigningKeys.keyId(key));
    }
  }

  public TrustedKeys {
    keys = List.copyOf(keys);
  }

  public boolean required() {
    return !keys.isEmpty();
  }

  /**
   * The trusted key that signed {@code manifest}; refused (exit 2, naming the file and the fix)
   * when the signature file is missing or malformed, made by a key not trusted here, or does not
   * match the manifest's bytes or those of a file it signed.
   */
  public TrustedKey verify(Path manifest) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(manifest);
    } catch (IOException e) {
      throw refused(
          manifest,
          "",
          "cannot be read: " + e.getMessage() + ".",
          "put the release's manifest back, as the vendor published it.");
    }
    return verify(manifest, bytes);
  }

  /**
   * As {@link #verify(Path)}, for {@code bytes} already read from {@code manifest}: the bytes a
   * caller goes on to load are the ones verified.
   */
  public TrustedKey verify(Path manifest, byte[] bytes) {
    Path file = ManifestSignature.fileOf(manifest);
    ManifestSignature signature = read(manifest, file);
    if (!SigningKeys.ALGORITHM.equals(signature.algorithm())) {
      throw refused(
          file,
          "algorithm",
          "'" + signature.algorithm() + "' is not an algorithm Lockstep verifies.",
          "sign the manifest again with `lockstep release sign`, which signs with "
              + SigningKeys.ALGORITHM
              + ".");
    }
    TrustedKey trusted =
        keys.stream().filter(k -> k.keyId().equals(signature.keyId())).findFirst().orElse(null);
    if (trusted == null) {
      throw refused(
          file,
          "keyId",
          "the manifest "
              + manifest
              + " is signed by key "
              + signature.keyId()
              + ", which is not trusted here (trusted: "
              + ids()
              + ", from "
              + source
              + ").",
          "get the release signed by a trusted key; if the vendor's key changed, check the new"
              + " key's id with the vendor before adding its public key to "
              + source
              + ".");
    }
    byte[] signed;
    try {
      signed = Base64.getDecoder().decode(signature.signature());
    } catch (IllegalArgumentException e) {
      signed = new byte[0];
    }
    if (!Signatures.verify(trusted.key(), signature.statement(), signed)) {
      throw refused(
          file,
          "signature",
          "does not verify with trusted key "
              + trusted.keyId()
              + ": the signature file was changed after it was signed. Nothing was touched.",
          REFETCH);
    }
    String actual = Sha256.of(bytes);
    if (!actual.equals(signature.manifestSha256())) {
      throw refused(
          manifest,
          "signature",
          "does not match its signature "
              + file
              + " by trusted key "
              + trusted.keyId()
              + ": the manifest changed after it was signed (its sha256 is "
              + actual
              + ", the signed one "
              + signature.manifestSha256()
              + "). Nothing was touched.",
          REFETCH);
    }
    checkFiles(manifest.getParent(), file, signature);
    return trusted;
  }

  /** Every other file the signature covers holds what was signed. */
  private static void checkFiles(Path folder, Path file, ManifestSignature signature) {
    List<Problem> problems = new ArrayList<>();
    signature
        .files()
        .forEach(
            (name, signed) -> {
              Path path = folder.resolve(name).normalize();
              if (!path.startsWith(folder) || path.equals(folder)) {
                problems.add(
                    new Problem(
                        file, "files", "names " + name + ", outside the release folder.", REFETCH));
              } else if (!Files.isRegularFile(path)) {
                problems.add(
                    new Problem(
                        path,
                        "signature",
                        "is missing, but the release's signature "
                            + file
                            + " covers it. Nothing was touched.",
                        "get the release again from the vendor, whole."));
              } else {
                String actual = Sha256.of(path);
                if (!actual.equals(signed)) {
                  problems.add(
                      new Problem(
                          path,
                          "signature",
                          "does not match the release's signature "
                              + file
                              + ": the file changed after the release was signed (its sha256 is "
                              + actual
                              + ", the signed one "
                              + signed
                              + "). Nothing was touched.",
                          "get the release again from the vendor; never edit a signed release's"
                              + " files (the vendor signs a changed release again with `lockstep"
                              + " release sign`)."));
                }
              }
            });
    if (!problems.isEmpty()) {
      throw new BadInputException(ErrorCode.SIGNATURE_INVALID, problems);
    }
  }

  private ManifestSignature read(Path manifest, Path file) {
    try {
      ManifestSignature.FORMAT.readTree(file);
      ManifestSignature signature = Json.read(file, ManifestSignature.class);
      if (signature.keyId() == null
          || signature.signature() == null
          || signature.manifestSha256() == null) {
        throw new IOException("keyId, manifestSha256 and signature are required");
      }
      // The signed statement is one line per file: a digest or a name that could span lines
      // would let one statement be read as another.
      if (!SHA256.matcher(signature.manifestSha256()).matches()
          || !signature.files().values().stream()
              .allMatch(v -> v != null && SHA256.matcher(v).matches())
          || signature.files().keySet().stream()
              .anyMatch(k -> k.chars().anyMatch(Character::isISOControl))) {
        throw new IOException(
            "a digest that is not 64 hex digits, or a file name with a line break");
      }
      return signature;
    } catch (NoSuchFileException e) {
      throw refused(
          manifest,
          "signature",
          "is not signed: there is no "
              + file.getFileName()
              + " beside it, and this deployment accepts only releases signed by a trusted key ("
              + source
              + "). Nothing was touched.",
          "put the release's signature from the vendor at "
              + file
              + " (the vendor makes it with `lockstep release sign --key vendor.key "
              + manifest.getParent()
              + "`).");
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadInputException bad) {
        throw bad;
      }
      throw refused(
          file,
          FileFormat.FIELD,
          "is not a manifest signature (" + e.getMessage() + ").",
          "get the signature again from the vendor, or sign the manifest again with `lockstep"
              + " release sign`.");
    }
  }

  private String ids() {
    return keys.stream()
        .map(k -> k.keyId() + " (" + k.file().getFileName() + ")")
        .collect(Collectors.joining(", "));
  }

  private static BadInputException refused(Path file, String field, String message, String fix) {
    return new BadInputException(
        ErrorCode.SIGNATURE_INVALID, new Problem(file, field, message, fix));
  }
}
