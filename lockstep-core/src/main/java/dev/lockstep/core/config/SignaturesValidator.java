package dev.lockstep.core.config;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.signing.SigningKeys;
import dev.lockstep.core.signing.TrustedKeys;
import dev.lockstep.core.signing.TrustedKeys.TrustedKey;
import dev.lockstep.core.yaml.ProblemCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks the {@code signatures} section: the public keys every release manifest must be signed by.
 * Each key file is read now, so that a missing or wrong key is a config error before anything is
 * touched, not a surprise at the first manifest.
 */
final class SignaturesValidator {
  private static final String FIELD = "signatures.trustedKeys";

  private final Path file;
  private final ProblemCollector problems;
  private final Function<String, Path> resolver;

  SignaturesValidator(Path file, ProblemCollector problems, Function<String, Path> resolver) {
    this.file = file;
    this.problems = problems;
    this.resolver = resolver;
  }

  TrustedKeys validate(ConfigDocument.Signatures doc) {
    if (doc == null) {
      return TrustedKeys.NONE;
    }
    if (doc.trustedKeys() == null || doc.trustedKeys().isEmpty()) {
      problems.add(
          FIELD,
          "is required but missing: a signatures section without keys would trust nothing.",
          "list the vendor's public keys, e.g. trustedKeys: [keys/vendor.pub], or remove the"
              + " signatures section.");
      return TrustedKeys.NONE;
    }
    List<TrustedKey> keys = new ArrayList<>();
    for (int i = 0; i < doc.trustedKeys().size(); i++) {
      String field = FIELD + "[" + i + "]";
      String name = doc.trustedKeys().get(i);
      if (problems.require(name, field, "name a public key file, e.g. keys/vendor.pub.") == null
          || name.isBlank()) {
        continue;
      }
      Path key;
      try {
        key = resolver.apply(name);
      } catch (java.nio.file.InvalidPathException e) {
        problems.add(
            field, "'" + name + "' is not a path (" + e.getReason() + ").", "fix the path.");
        continue;
      }
      if (!Files.isRegularFile(key)) {
        problems.add(
            field,
            key + " does not exist.",
            "put the vendor's public key there (PEM, -----BEGIN PUBLIC KEY-----), or fix the"
                + " path; relative paths are relative to the config file.");
        continue;
      }
      try {
        TrustedKey trusted =
            new TrustedKey(key, SigningKeys.readPublic(key, ErrorCode.CONFIG_INVALID, file, field));
        if (keys.stream().noneMatch(k -> k.keyId().equals(trusted.keyId()))) {
          keys.add(trusted);
        }
      } catch (BadInputException e) {
        Problem problem = e.problems().get(0);
        problems.add(problem.field(), problem.message(), problem.fix());
      }
    }
    return new TrustedKeys(keys, FIELD + " in " + file);
  }
}
