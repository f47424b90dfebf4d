package dev.lockstep.cli.commands;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.ManifestLoader;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.signing.ManifestSignature;
import dev.lockstep.core.signing.ManifestSigner;
import dev.lockstep.core.signing.SigningKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
            + " release.yaml.sig beside each. The signature covers the manifest's exact bytes,"
            + " every other file of the release folder (migrations, schema snapshot …), and"
            + " through their sha256 the file artifacts the manifest pins. A manifest Lockstep"
            + " would refuse is not signed (exit 2).")
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
  public record Signed(String manifest, String signature, String keyId, Set<String> files) {}

  /** The file artifacts, which the manifest pins by sha256: signing the manifest signs them. */
  private static Set<Path> pinned(ReleaseManifest release) {
    Set<Path> pinned = new HashSet<>();
    release
        .components()
        .values()
        .forEach(
            component -> {
              if (component.artifact() instanceof FileArtifact file) {
                pinned.add(file.path());
              }
            });
    return pinned;
  }

  @Override
  public Integer call() {
    PrivateKey privateKey =
        SigningKeys.readPrivate(key.toAbsolutePath(), ErrorCode.USAGE, key, "--key");
    List<Path> manifests = ReleaseArguments.manifests(releases);
    // Every manifest is checked before any is signed: a signature vouches for a valid release.
    ManifestLoader loader = new ManifestLoader();
    List<ReleaseManifest> loaded = manifests.stream().map(loader::load).toList();
    List<Signed> signed = new ArrayList<>();
    for (ReleaseManifest release : loaded) {
      Path manifest = release.file();
      ManifestSignature signature = ManifestSigner.sign(manifest, pinned(release), privateKey);
      signed.add(
          new Signed(
              manifest.toString(),
              ManifestSignature.fileOf(manifest).toString(),
              signature.keyId(),
              signature.files().keySet()));
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
                      + " and the "
                      + s.files().size()
                      + " other files of its release (file artifacts through their sha256) with"
                      + " key "
                      + s.keyId()
                      + ": wrote "
                      + s.signature()));
    }
    writer.flush();
    return 0;
  }
}
