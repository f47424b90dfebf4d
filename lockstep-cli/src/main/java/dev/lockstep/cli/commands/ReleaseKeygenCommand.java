package dev.lockstep.cli.commands;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.io.SecureFiles;
import dev.lockstep.core.signing.SigningKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "keygen",
    description =
        "For the vendor: make an Ed25519 key pair to sign releases with: PREFIX.key (private, mode"
            + " 0600, keep it secret) and PREFIX.pub (public, for operators' trustedKeys). Never"
            + " overwrites a key.")
public final class ReleaseKeygenCommand implements Callable<Integer> {
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "PREFIX",
      description = "where to write the keys: PREFIX.key and PREFIX.pub, e.g. keys/vendor")
  Path out;

  /** What keygen wrote. */
  public record KeygenResult(String privateKey, String publicKey, String keyId) {}

  @Override
  public Integer call() {
    Path privateKey = out.resolveSibling(out.getFileName() + ".key").toAbsolutePath();
    Path publicKey = out.resolveSibling(out.getFileName() + ".pub").toAbsolutePath();
    for (Path file : new Path[] {privateKey, publicKey}) {
      if (Files.exists(file)) {
        throw new BadInputException(
            ErrorCode.USAGE,
            new Problem(
                file,
                "--out",
                "already exists; a key is never overwritten (releases signed with it would no"
                    + " longer verify). Nothing was written.",
                "choose another --out, or move the old keys away first."));
      }
    }
    KeyPair pair = SigningKeys.generate();
    try {
      Files.createDirectories(privateKey.getParent());
      SecureFiles.writeString(privateKey, SigningKeys.pem(pair.getPrivate()));
      Files.writeString(publicKey, SigningKeys.pem(pair.getPublic()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the keys at " + out, e);
    }
    KeygenResult result =
        new KeygenResult(
            privateKey.toString(), publicKey.toString(), SigningKeys.keyId(pair.getPublic()));
    PrintWriter writer = spec.commandLine().getOut();
    writer.println(
        output.json()
            ? Json.write(result)
            : "Wrote "
                + privateKey
                + " (private, 0600: keep it secret; sign with it)\nand "
                + publicKey
                + " (public: operators list it in signatures.trustedKeys).\nKey id "
                + result.keyId()
                + " (tell operators, so they can check the key they were given).");
    writer.flush();
    return 0;
  }
}
