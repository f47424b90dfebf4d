package dev.lockstep.cli.commands;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.ManifestLoader;
import dev.lockstep.core.signing.ManifestSignature;
import dev.lockstep.core.signing.ManifestSigner;
import dev.lockstep.core.signing.SigningKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PrivateKey;
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
    name = "sign",
    description =
        "For the vendor: sign release manifests with an Ed25519 private key, writing"
            + " release.yaml.sig beside each. The signature covers the manifest's exact bytes, and"
            + " through their sha256 the file artifacts it lists. A manifest Lockstep would refuse"
            + " is not signed (exit 2).")
public final class ReleaseSignCommand implements Callable<Integer> {
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "the private key in PEM (PREFIX.key from release keygen)")
  Path key;

  @Parameters(
      arity = "1..*",
      paramLabel = "RELEASE",
      description = "a release.yaml, the folder holding it, or a folder of releases")
  List<Path> releases;

  /** One manifest signed. */
  public record Signed(Path manifest, Path signature, String keyId) {}

  @Override
  public Integer call() {
    PrivateKey privateKey =
        SigningKeys.readPrivate(key.toAbsolutePath(), ErrorCode.USAGE, key, "--key");
    List<Path> manifests = ReleaseArguments.manifests(releases);
    // Every manifest is checked before any is signed: a signature vouches for a valid release.
    ManifestLoader loader = new ManifestLoader();
    manifests.forEach(loader::load);
    List<Signed> signed = new ArrayList<>();
    for (Path manifest : manifests) {
      ManifestSignature signature = ManifestSigner.sign(manifest, privateKey);
      signed.add(new Signed(manifest, ManifestSignature.fileOf(manifest), signature.keyId()));
    }
    PrintWriter writer = spec.commandLine().getOut();
    if (output.json()) {
      writer.println(Json.write(signed));
    } else {
      signed.forEach(
          s ->
              writer.println(
                  "Signed "
                      + s.manifest()
                      + " with key "
                      + s.keyId()
                      + ": wrote "
                      + s.signature()));
    }
    writer.flush();
    return 0;
  }
}
