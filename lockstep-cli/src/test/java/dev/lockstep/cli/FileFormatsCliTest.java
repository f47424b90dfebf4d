package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.io.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written by a newer Lockstep reaches the operator as bad input: exit 2, file named. */
class FileFormatsCliTest {
  private static final String ID = "20261201-100000-abcd";

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  Path config;
  Path manifest;

  @BeforeEach
  void deployment() throws Exception {
    Files.writeString(dir.resolve("password"), "not-used\n");
    config = dir.resolve("lockstep.yaml");
    Files.writeString(
        config,
        """
        environment: test
        stateDir: state
        database: {name: notes, user: notes, password: {file: password}}
        target: {type: process}
        services:
          api: {run: [java, -jar, "{artifact}"]}
        """);
    manifest = dir.resolve("state/backups/" + ID + "/manifest.json");
    Files.createDirectories(manifest.getParent());
    Files.writeString(manifest, "{\"formatVersion\": 99, \"id\": \"" + ID + "\"}\n");
  }

  @Test
  void backupList_manifestFromANewerLockstep_exits2NamingTheFileAndBothVersions() {
    int exitCode = run("backup", "list", "-c", config.toString());

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("lockstep: " + manifest + ": formatVersion: ")
        .contains("format version 99, written by a newer Lockstep")
        .contains("this Lockstep reads versions 1 to 1")
        .contains("Fix: use a Lockstep that reads format version 99")
        .doesNotContain("at dev.lockstep");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void backupList_manifestFromANewerLockstepWithJsonOutput_printsAJsonError() {
    int exitCode = run("backup", "list", "-c", config.toString(), "--output", "json");

    assertThat(exitCode).isEqualTo(2);
    JsonNode error = Json.read(out.toString(), JsonNode.class).get("error");
    assertThat(error.get("exitCode").asInt()).isEqualTo(2);
    assertThat(error.get("code").asText()).isEqualTo("format_too_new");
    assertThat(error.get("message").asText()).contains(manifest.toString()).contains("99");
  }

  private int run(String... args) {
    return LockstepCli.run(args, new PrintWriter(out), new PrintWriter(err));
  }
}
