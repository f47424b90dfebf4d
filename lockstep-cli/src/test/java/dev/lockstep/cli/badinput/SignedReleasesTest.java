package dev.lockstep.cli.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment that requires signed releases (the bad-input suite's base deployment, with {@code
 * signatures.trustedKeys}), with keys made and releases signed through the commands a vendor runs.
 * A forged manifest, a missing signature, an untrusted signer and a tampered artifact each stop the
 * run before anything is touched: exit 2, naming the file and the fix, no state folder, every file
 * as it was.
 */
class SignedReleasesTest {
  @TempDir Path dir;

  private Path folder;
  private Path manifest;

  @BeforeEach
  void signedDeployment() throws Exception {
    folder =
        CaseFolder.create(
            Path.of(SignedReleasesTest.class.getResource("/bad-input").toURI()),
            BadInputCase.base(),
            dir.resolve("deployment"),
            null);
    manifest = folder.resolve("releases/1.0.0/release.yaml");
    assertThat(run("release", "keygen", "--out", folder.resolve("keys/vendor").toString()).code)
        .isZero();
    Files.writeString(
        folder.resolve("lockstep.yaml"),
        "\nsignatures:\n  trustedKeys: [keys/vendor.pub]\n",
        StandardOpenOption.APPEND);
  }

  @Test
  void keygen_writesThePrivateKeyForItsOwnerOnly() throws IOException {
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve("keys/vendor.key"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(folder.resolve("keys/vendor.pub")))
        .startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void signAndVerify_roundTrip_exit0AndThePlanGetsPastTheSignature() {
    Result signed = sign("keys/vendor.key");
    assertThat(signed.code).as(signed.output).isZero();
    assertThat(signed.output).contains("Signed " + manifest, manifest + ".sig");

    Result verified =
        run(
            "release",
            "verify",
            "--key",
            key("keys/vendor.pub"),
            folder.resolve("releases").toString());
    assertThat(verified.code).as(verified.output).isZero();
    assertThat(verified.output)
        .contains(manifest + ": signed by trusted key sha256:", "1 file artifacts match");

    Result json =
        run(
            "release",
            "verify",
            "--key",
            key("keys/vendor.pub"),
            manifest.toString(),
            "--output",
            "json");
    assertThat(json.code).as(json.output).isZero();
    assertThat(json.output).contains("\"manifest\" : \"" + manifest + "\"", "\"artifacts\" : 1");

    // Signed, so the plan reads the release and goes on to the gates: only the database blocks.
    Result plan = run("plan", "--to", "1.0.0", "-c", config());
    assertThat(plan.code).as(plan.output).isEqualTo(1);
    assertThat(plan.output)
        .contains(
            "[ok]      release signatures: signed by trusted keys: 1.0.0 by sha256:",
            "[ok]      artifact digests",
            "[BLOCKED] state stores");
  }

  @Test
  void upgrade_manifestChangedAfterSigning_exit2NamingTheManifestAndTouchesNothing()
      throws IOException {
    sign("keys/vendor.key");
    // A valid manifest still, only no longer the one signed: its migration's class changed.
    Files.writeString(manifest, Files.readString(manifest).replace("expand", "contract"));

    refusedBeforeAnythingIsTouched(
        manifest + ": signature: does not match its signature",
        "Fix: get the manifest and its signature again from the vendor");
  }

  @Test
  void upgrade_noSignature_exit2SayingWhereItGoesAndTouchesNothing() throws IOException {
    refusedBeforeAnythingIsTouched(
        manifest + ": signature: is not signed",
        "Fix: put the release's signature from the vendor at " + manifest + ".sig");
  }

  @Test
  void upgrade_signedByAnUntrustedKey_exit2NamingTheKeyAndTouchesNothing() throws IOException {
    assertThat(run("release", "keygen", "--out", folder.resolve("keys/stranger").toString()).code)
        .isZero();
    sign("keys/stranger.key");

    refusedBeforeAnythingIsTouched(
        manifest + ".sig: keyId: the manifest " + manifest + " is signed by key sha256:",
        "which is not trusted here",
        "Fix: get the release signed by a trusted key");
  }

  @Test
  void upgrade_migrationChangedAfterSigning_exit2NamingTheMigrationAndTouchesNothing()
      throws IOException {
    sign("keys/vendor.key");
    Path migration = folder.resolve("releases/1.0.0/migrations/V1__create_notes.sql");
    Files.writeString(migration, "DROP TABLE users;\n");

    refusedBeforeAnythingIsTouched(
        migration + ": signature: does not match the release's signature",
        "Fix: get the release again from the vendor");
  }

  @Test
  void upgrade_tamperedArtifactOfASignedRelease_exit2NamingTheArtifactAndTouchesNothing()
      throws IOException {
    sign("keys/vendor.key");
    Path jar = folder.resolve("releases/1.0.0/api.jar");
    Files.writeString(jar, "the api of release 1.0.0, tampered with");

    refusedBeforeAnythingIsTouched(
        "artifact digests: components.api.sha256 says", jar + " has sha256", "download it again");
    Result verified =
        run("release", "verify", "--key", key("keys/vendor.pub"), manifest.toString());
    assertThat(verified.code).as(verified.output).isEqualTo(2);
    assertThat(verified.output)
        .contains(jar + ": components.api.sha256: has sha256", "Fix: download it again");
  }

  @Test
  void verify_withoutKey_usesTheConfigsTrustedKeys() {
    sign("keys/vendor.key");

    Result verified = run("release", "verify", "-c", config(), manifest.toString());

    assertThat(verified.code).as(verified.output).isZero();
    assertThat(verified.output).contains("signed by trusted key sha256:", "(vendor.pub)");
  }

  @Test
  void verify_noKeyAnywhere_exit2SayingHowToGiveOne() throws IOException {
    Path bare = folder.resolve("bare.yaml");
    Files.writeString(
        bare,
        Files.readString(folder.resolve("lockstep.yaml")).replaceAll("(?s)\nsignatures:.*", "\n"));

    Result verified = run("release", "verify", "-c", bare.toString(), manifest.toString());

    assertThat(verified.code).as(verified.output).isEqualTo(2);
    assertThat(verified.output)
        .contains(
            bare + ": signatures.trustedKeys: is not set", "Fix: give the vendor's public key");
  }

  @Test
  void verify_forgedManifest_exit2() throws IOException {
    sign("keys/vendor.key");
    Files.writeString(manifest, "# a comment is a change too\n", StandardOpenOption.APPEND);

    Result verified =
        run("release", "verify", "--key", key("keys/vendor.pub"), manifest.toString());

    assertThat(verified.code).as(verified.output).isEqualTo(2);
    assertThat(verified.output)
        .contains(manifest + ": signature: does not match its signature", "Fix: ");
  }

  @Test
  void config_trustedKeyFileMissing_exit2NamingTheField() throws IOException {
    Files.delete(folder.resolve("keys/vendor.pub"));

    Result plan = run("plan", "--to", "1.0.0", "-c", config());

    assertThat(plan.code).as(plan.output).isEqualTo(2);
    assertThat(plan.output)
        .contains(config() + ": signatures.trustedKeys[0]: ", "vendor.pub does not exist", "Fix: ");
  }

  private void refusedBeforeAnythingIsTouched(String... says) throws IOException {
    Map<String, String> before = CaseFolder.snapshot(folder);

    Result upgrade = run("upgrade", "--to", "1.0.0", "-c", config());

    assertThat(upgrade.code).as(upgrade.output).isEqualTo(2);
    assertThat(upgrade.output).contains(says).doesNotContain("internal error", "\tat ");
    assertThat(folder.resolve("state")).doesNotExist();
    assertThat(CaseFolder.snapshot(folder)).isEqualTo(before);
  }

  private Result sign(String key) {
    return run("release", "sign", "--key", key(key), folder.resolve("releases/1.0.0").toString());
  }

  private String key(String name) {
    return folder.resolve(name).toString();
  }

  private String config() {
    return folder.resolve("lockstep.yaml").toString();
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LockstepCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out + "\n" + err);
  }

  private record Result(int code, String output) {}
}
