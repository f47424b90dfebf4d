package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.io.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockstepCliTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    return LockstepCli.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void help_listsEveryCommand() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString())
        .contains("plan", "upgrade", "rollback", "resume", "status", "history", "backup", "demo");
  }

  @Test
  void path_listsEveryRequiredStopWithItsMigrationsAndNotes() throws Exception {
    Path config = dir.resolve("lockstep.yaml");
    Files.writeString(
        config,
        "environment: prod\nstateDir: state\ndatabase: {name: app, user: app, password: {env:"
            + " NO_SUCH_VARIABLE_FOR_PATH}}\ntarget: {type: process}\nservices:\n  api: {run:"
            + " [java, -jar, \"{artifact}\"]}\n");
    release("1.0.0", "");
    release("1.5.0", "requiredStop: true\nnotes: Moves uploads to the new store.\n");
    release("2.0.0", "minimumFrom: 1.5.0\n");

    int exitCode = run("path", "-c", config.toString(), "--from", "1.0.0", "--to", "2.0.0");

    assertThat(exitCode).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Path from 1.0.0 to 2.0.0: 2 upgrades, one after the other")
        .contains("1. 1.5.0 (required stop)")
        .contains("   | Moves uploads to the new store.")
        .contains("2. 2.0.0 (target)")
        .contains("`lockstep upgrade --to 2.0.0` installs each in turn");
  }

  @Test
  void releaseIndex_writesEveryReleasesFilesWithTheirSha256_forAnHttpsCatalog() throws Exception {
    release("1.0.0", "");
    release("1.5.0", "requiredStop: true\n");
    Path catalog = dir.resolve("releases");

    int exitCode = run("release", "index", catalog.toString());

    assertThat(exitCode).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith(
            "Wrote " + catalog.resolve("index.json") + ": 2 release(s) (1.0.0, 1.5.0), 2 files")
        .contains("set catalog.url to its address");
    JsonNode index = Json.read(Files.readString(catalog.resolve("index.json")), JsonNode.class);
    assertThat(index.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(index.at("/releases/1.5.0/release.yaml").asText()).hasSize(64);
  }

  @Test
  void releaseIndex_aManifestLockstepWouldRefuse_isNotIndexed() throws Exception {
    release("1.0.0", "unknownField: 1\n");
    Path catalog = dir.resolve("releases");

    int exitCode = run("release", "index", catalog.toString());

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains("unknownField");
    assertThat(catalog.resolve("index.json")).doesNotExist();
  }

  private void release(String version, String extra) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("releases").resolve(version));
    Files.writeString(
        folder.resolve("release.yaml"),
        "product: app\nversion: "
            + version
            + "\ncomponents:\n  api:\n    image: acme/api:"
            + version
            + "\n"
            + extra);
  }

  @Test
  void run_badConfig_printsFileFieldAndFix_andExits2() throws Exception {
    Path config = dir.resolve("lockstep.yaml");
    Files.writeString(config, "environment: prod\ntarget: {type: process}\n");

    int exitCode = run("status", "-c", config.toString());

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("lockstep: ")
        .contains(config.toString())
        .contains("database: is required but missing.")
        .contains("Fix:")
        .doesNotContain("at dev.lockstep");
  }

  @Test
  void run_badConfigWithJsonOutput_printsAJsonError() throws Exception {
    Path config = dir.resolve("lockstep.yaml");
    Files.writeString(config, "environment: [unclosed\n");

    int exitCode = run("history", "-c", config.toString(), "--output", "json");

    assertThat(exitCode).isEqualTo(2);
    JsonNode error = Json.read(out.toString(), JsonNode.class).get("error");
    assertThat(error.get("code").asText()).isEqualTo("config_invalid");
    assertThat(error.get("exitCode").asInt()).isEqualTo(2);
  }

  @Test
  void run_stacktraceFlag_addsTheStackTrace() throws Exception {
    run("status", "-c", dir.resolve("missing.yaml").toString(), "--stacktrace");

    assertThat(err.toString()).contains("at dev.lockstep");
  }
}
