package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.io.Json;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The sample product, running 1.0.0, on a deployment that requires releases signed by its vendor's
 * key. A forged manifest, a changed migration, a missing signature and a tampered artifact of 1.1.0
 * each stop {@code upgrade --to 1.1.0} with exit 2, naming the file and the fix, before anything is
 * touched: the same processes keep serving 1.0.0, no run is recorded, the data is as it was. Put
 * back as the vendor signed it, the same upgrade succeeds.
 */
@ExtendWith(PostgresExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class SignedUpgradeTest {
  private SampleDeployment sample;
  private Path release;

  @BeforeEach
  void signedAndInstalled() throws IOException {
    sample = TestSamples.create(PostgresExtension.server(), "signed_upgrade", false);
    release = sample.folder().resolve("releases/1.1.0");
    succeeds("release", "keygen", "--out", sample.folder().resolve("keys/acme").toString());
    succeeds(
        "release",
        "sign",
        "--key",
        sample.folder().resolve("keys/acme.key").toString(),
        sample.folder().resolve("releases").toString());
    Files.writeString(
        sample.configFile(),
        "\nsignatures:\n  trustedKeys: [keys/acme.pub]\n",
        StandardOpenOption.APPEND);
    succeeds("upgrade", "--to", "1.0.0");
    sample.notes().write("kept", "written on 1.0.0", null);
  }

  @AfterEach
  void stop() {
    try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
      deployment.stopServices();
    }
    sample.close();
  }

  @Test
  void upgrade_forgedTamperedOrUnsignedRelease_exit2AndNothingTouched_thenSignedOneUpgrades()
      throws IOException {
    Path manifest = release.resolve("release.yaml");
    Path migration = release.resolve("migrations/V2__add_note_tags.sql");
    Path artifact = release.resolve("api.java");
    Path signature = release.resolve("release.yaml.sig");

    refused(
        () ->
            Files.writeString(
                manifest, Files.readString(manifest).replace("class: expand", "class: contract")),
        manifest,
        manifest + ": signature: does not match its signature",
        "Fix: get the manifest and its signature again from the vendor");
    refused(
        () -> Files.writeString(migration, "DROP TABLE notes;\n"),
        migration,
        migration + ": signature: does not match the release's signature",
        "Fix: get the release again from the vendor");
    refused(
        () -> Files.writeString(artifact, "// not the published api\n", StandardOpenOption.APPEND),
        artifact,
        "artifact digests: components.api.sha256 says",
        artifact + " has sha256",
        "Fix: the artifact is not the one published for 1.1.0: download it again");
    refused(
        () -> Files.delete(signature),
        signature,
        manifest + ": signature: is not signed",
        "Fix: put the release's signature from the vendor at " + signature);

    succeeds("upgrade", "--to", "1.1.0");
    assertThat(installed()).isEqualTo("1.1.0");
    assertThat(sample.notes().list().toString()).contains("written on 1.0.0");
  }

  /**
   * Breaks one file of 1.1.0 with {@code change}, asks for the upgrade, checks the refusal and that
   * nothing was touched, then puts the file back as it was.
   */
  private void refused(IoAction change, Path file, String... says) throws IOException {
    Path kept = Files.createTempFile(sample.folder(), "kept-", ".bak");
    Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
    JsonNode servicesBefore = status().get("services");
    int runsBefore = runs();
    String notesBefore = sample.notes().list().toString();
    change.run();

    SampleCli.Result upgrade = run("upgrade", "--to", "1.1.0");

    assertThat(upgrade.code()).as(upgrade.output()).isEqualTo(2);
    assertThat(upgrade.output()).contains(says).doesNotContain("internal error", "\tat ");
    assertThat(status().get("services"))
        .as("the same processes serve 1.0.0")
        .isEqualTo(servicesBefore);
    assertThat(installed()).isEqualTo("1.0.0");
    assertThat(runs()).as("no run recorded").isEqualTo(runsBefore);
    assertThat(sample.notes().list().toString()).isEqualTo(notesBefore);
    Files.move(kept, file, StandardCopyOption.REPLACE_EXISTING);
  }

  private String installed() {
    return status().get("installed").asText();
  }

  private JsonNode status() {
    return Json.read(succeeds("status", "--output", "json"), JsonNode.class);
  }

  private int runs() {
    return Json.read(succeeds("history", "--output", "json"), JsonNode.class).size();
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }

  private SampleCli.Result run(String... args) {
    return new SampleCli(sample).run(args);
  }

  private String succeeds(String... args) {
    return new SampleCli(sample).succeeds(args);
  }
}
