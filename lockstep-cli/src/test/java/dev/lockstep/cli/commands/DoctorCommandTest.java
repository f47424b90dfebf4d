package dev.lockstep.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.cli.LockstepCli;
import dev.lockstep.core.io.Json;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep doctor} on this machine: the real PostgreSQL programs, a real server, a real
 * state folder, through the command line.
 */
@ExtendWith(PostgresExtension.class)
class DoctorCommandTest {
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** A deployment on the test server whose one service is started by this JVM's java. */
  private int doctor(String... extra) throws Exception {
    ThrowawayPostgres server = PostgresExtension.server();
    Path config = dir.resolve("lockstep.yaml");
    Files.writeString(dir.resolve("db.password"), server.password().reveal());
    Files.writeString(
        config,
        """
        environment: staging
        database:
          host: 127.0.0.1
          port: %d
          name: postgres
          user: %s
          password: {file: db.password}
        target: {type: process}
        services:
          api:
            run: [%s, -jar, "{artifact}"]
        """
            .formatted(server.port(), server.superuser(), JAVA));
    List<String> args = new ArrayList<>(List.of("doctor", "-c", config.toString()));
    args.addAll(List.of(extra));
    return LockstepCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
  }

  private Path stateDir() {
    return dir.resolve(".lockstep");
  }

  @Test
  void doctor_asText_listsEveryCheckAndExits0() throws Exception {
    int exitCode = doctor();

    assertThat(exitCode).as(out + "\n" + err).isZero();
    assertThat(out.toString())
        .startsWith("Doctor for staging (" + dir.resolve("lockstep.yaml") + ")")
        .containsPattern("  \\[ok\\]    database server: PostgreSQL \\d+\\.\\d+ at 127\\.0\\.0\\.1")
        .containsPattern("  \\[ok\\]    pg_dump: \\d+\\.\\d+ at \\S+/pg_dump; the server runs")
        .contains("  [ok]    state folder: " + stateDir() + " does not exist yet")
        .contains("  [ok]    setsid: ")
        .contains("  [ok]    " + JAVA + ": " + JAVA + "; started by services.api.run")
        .contains("Ready: this machine has what the config needs");
    assertThat(stateDir()).doesNotExist();
  }

  @Test
  void doctor_asJson_givesEveryResultWithItsVerdict() throws Exception {
    int exitCode = doctor("--output", "json");

    assertThat(exitCode).as(err.toString()).isZero();
    JsonNode report = Json.read(out.toString(), JsonNode.class);
    assertThat(report.get("environment").asText()).isEqualTo("staging");
    JsonNode first = report.get("results").get(0);
    assertThat(first.get("name").asText()).isEqualTo("database server");
    assertThat(first.get("verdict").asText()).isEqualTo("ok");
    assertThat(first.get("found").asText()).startsWith("PostgreSQL ");
    assertThat(first.get("fix").isNull()).isTrue();
  }

  @Test
  void doctor_worldWritableStateFolder_failsWithTheFixAndExits1() throws Exception {
    Files.createDirectories(stateDir());
    Files.setPosixFilePermissions(stateDir(), PosixFilePermissions.fromString("rwxrwxrwx"));
    int text = doctor();
    String printed = out.toString();
    out.getBuffer().setLength(0);
    int json = doctor("--output", "json");

    assertThat(text).isEqualTo(1);
    assertThat(printed)
        .contains("  [FAIL]  state folder: " + stateDir() + ": every user can write into it")
        .contains("          fix: chmod o-w " + stateDir())
        .contains("1 thing to fix before Lockstep can run");
    assertThat(json).isEqualTo(1);
    JsonNode results = Json.read(out.toString(), JsonNode.class).get("results");
    assertThat(results.findValuesAsText("verdict")).contains("fail");
  }

  @Test
  void doctor_badConfig_exits2AndNamesTheField() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "environment: x\ntarget: {type: process}\n");

    int exitCode =
        LockstepCli.run(
            new String[] {"doctor", "-c", bad.toString()},
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains("database: is required but missing.");
  }
}
