package dev.lockstep.cli.commands;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.manifest.ManifestLoader;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.signing.SigningKeys;
import dev.lockstep.core.signing.TrustedKeys;
import dev.lockstep.core.signing.TrustedKeys.TrustedKey;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    description =
        "Check that releases are signed by one of the given public keys (or the config's"
            + " signatures.trustedKeys) and unchanged since, and that their file artifacts match"
            + " their sha256: exit 0 when all are, 2 naming each file that is not and the fix."
            + " Reads only.")
public final class ReleaseVerifyCommand implements Callable<Integer> {
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "a trusted public key in PEM (PREFIX.pub); repeat for several. Without --key, the"
              + " config's signatures.trustedKeys")
  List<Path> keys;

  @Parameters(
      arity = "1..*",
      paramLabel = "RELEASE",
      description = "a release.yaml, the folder holding it, or a folder of releases")
  List<Path> releases;

  /** One manifest verified: the trusted key that signed it, and how many artifacts matched. */
  public record Verified(String manifest, String keyId, String key, int artifacts) {}

  @Override
  public Integer call() {
    TrustedKeys trustedKeys = trustedKeys();
    List<Verified> verified = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Path manifest : ReleaseArguments.manifests(releases)) {
      try {
        TrustedKey key = trustedKeys.verify(manifest);
        int artifacts = checkArtifacts(new ManifestLoader().load(manifest));
        verified.add(
            new Verified(manifest.toString(), key.keyId(), key.file().toString(), artifacts));
      } catch (BadInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(ErrorCode.SIGNATURE_INVALID, problems);
    }
    PrintWriter writer = spec.commandLine().getOut();
    if (output.json()) {
      writer.println(Json.write(verified));
    } else {
      verified.forEach(
          v ->
              writer.println(
                  v.manifest()
                      + ": signed by trusted key "
                      + v.keyId()
                      + " ("
                      + Path.of(v.key()).getFileName()
                      + "); "
                      + v.artifacts()
                      + " file artifacts match their sha256."));
    }
    writer.flush();
    return 0;
  }

  /** The keys given with --key, or else those the config trusts. */
  private TrustedKeys trustedKeys() {
    if (keys != null && !keys.isEmpty()) {
      List<TrustedKey> trusted = new ArrayList<>();
      for (Path file : keys) {
        Path absolute = file.toAbsolutePath();
        trusted.add(
            new TrustedKey(
                absolute, SigningKeys.readPublic(absolute, ErrorCode.USAGE, file, "--key")));
      }
      return new TrustedKeys(trusted, "the --key options");
    }
    // Verifying needs no secret: a config whose password is not set here still names its keys.
    TrustedKeys configured = Configs.loadWithoutSecrets(spec, config.file()).config().trustedKeys();
    if (!configured.required()) {
      throw new BadInputException(
          ErrorCode.USAGE,
          new Problem(
              config.file().toAbsolutePath(),
              "signatures.trustedKeys",
              "is not set, and no --key was given: there is no key to verify with.",
              "give the vendor's public key with --key FILE, or list it in the config's"
                  + " signatures.trustedKeys."));
    }
    return configured;
  }

  /** The file artifacts checked; refused when one is missing or differs. */
  private static int checkArtifacts(ReleaseManifest manifest) {
    List<Problem> problems = new ArrayList<>();
    int checked = 0;
    for (Component component : manifest.components().values()) {
      if (component.artifact() instanceof FileArtifact file) {
        checked++;
        String field = "components." + component.name() + ".sha256";
        if (!Files.isRegularFile(file.path())) {
          problems.add(
              new Problem(
                  manifest.file(),
                  field,
                  file.path() + " is missing.",
                  "download the release's artifacts again from the vendor."));
        } else if (!Sha256.of(file.path()).equals(file.sha256())) {
          problems.add(
              new Problem(
                  file.path(),
                  field,
                  "has sha256 "
                      + Sha256.of(file.path())
                      + ", but the signed manifest "
                      + manifest.file()
                      + " says "
                      + file.sha256()
                      + ": the artifact is not the one published.",
                  "download it again from the vendor; never edit the manifest to match."));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(ErrorCode.DIGEST_MISMATCH, problems);
    }
    return checked;
  }
}
