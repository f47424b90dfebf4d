package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.signing.SigningKeys;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signatures.trustedKeys}: the public keys every release manifest must be signed by. */
class SignaturesConfigTest {
  private static final String REST =
      """
      environment: staging
      database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
      target: {type: process}
      services:
        api: {run: [java, -jar, "{artifact}"]}
      """;

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "pw")));
  private final KeyPair vendor = SigningKeys.generate();

  @BeforeEach
  void keys() throws IOException {
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys/vendor.pub"), SigningKeys.pem(vendor.getPublic()));
    Files.writeString(dir.resolve("keys/vendor.key"), SigningKeys.pem(vendor.getPrivate()));
  }

  @Test
  void load_withoutSignatures_trustsNoKeysAndReadsUnsignedReleases() throws IOException {
    assertThat(loader.load(write(REST)).trustedKeys().required()).isFalse();
  }

  @Test
  void load_trustedKeys_readsEachKeyRelativeToTheConfig() throws IOException {
    DeploymentConfig config =
        loader.load(write(REST + "signatures: {trustedKeys: [keys/vendor.pub]}\n"));

    assertThat(config.trustedKeys().required()).isTrue();
    assertThat(config.trustedKeys().keys())
        .singleElement()
        .satisfies(
            key -> {
              assertThat(key.file()).isEqualTo(dir.resolve("keys/vendor.pub"));
              assertThat(key.keyId()).isEqualTo(SigningKeys.keyId(vendor.getPublic()));
            });
    assertThat(config.trustedKeys().source()).contains("signatures.trustedKeys in " + dir);
  }

  @Test
  void load_missingKeyFile_isRefusedNamingTheFieldAndTheFix() throws IOException {
    Path config = write(REST + "signatures: {trustedKeys: [keys/vendor.pub, keys/gone.pub]}\n");

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(config + ": signatures.trustedKeys[1]: ")
        .hasMessageContaining("keys/gone.pub does not exist")
        .hasMessageContaining("Fix: put the vendor's public key there")
        .satisfies(e -> assertThat(((BadInputException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void load_privateKeyListedAsTrusted_isRefused() throws IOException {
    Path config = write(REST + "signatures: {trustedKeys: [keys/vendor.key]}\n");

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("signatures.trustedKeys[0]")
        .hasMessageContaining("holds no Ed25519 public key in PEM")
        .satisfies(
            e ->
                assertThat(((BadInputException) e).errorCode())
                    .isEqualTo(ErrorCode.CONFIG_INVALID));
  }

  @Test
  void load_emptyKeyList_isRefusedRatherThanTrustingNothing() throws IOException {
    Path config = write(REST + "signatures: {trustedKeys: []}\n");

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("signatures.trustedKeys: is required but missing")
        .hasMessageContaining("Fix: list the vendor's public keys");
  }

  @Test
  void load_unknownFieldInSignatures_isRefusedWithASuggestion() throws IOException {
    Path config = write(REST + "signatures: {trustedKey: [keys/vendor.pub]}\n");

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("trustedKey");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
