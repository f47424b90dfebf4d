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
