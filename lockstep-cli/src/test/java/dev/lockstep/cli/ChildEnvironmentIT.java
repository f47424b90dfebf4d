package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.LockstepJar.Result;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.examples.TallyDeployment;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every kind of child Lockstep starts, started by the jar with PGPASSWORD, PGPASSFILE, PGSERVICE,
 * PGSERVICEFILE and the variables of the config's secrets set in its environment, writes its own
 * environment to a file: pg_dump and pg_restore (through wrappers found in LOCKSTEP_PG_BIN), the
 * command target's stop, install, start and version templates, the product's migrate command, a
 * command check, a store's dump, scratch-load and load commands, and a process-target service. None
 * of them got any of those; the commands got a Lockstep-made PGPASSFILE in the state folder, and
 * the service exactly the env its config gives it.
 */
@ExtendWith(PostgresExtension.class)
class ChildEnvironmentIT {
  private static final List<String> WITHHELD =
      List.of(
          "PGPASSWORD", "PGSERVICE", "PGSERVICEFILE", "ENVTEST_DB_PASSWORD", "ENVTEST_BACKUP_KEY");

  @Test
  void everyChild_getsNoInheritedCredential_onlyWhatLockstepMeantItToGet() throws Exception {
    String name = "envtest_" + ProcessHandle.current().pid();
    try (TallyDeployment tally = TallyDeployment.create(PostgresExtension.server(), name)) {
      Path folder = tally.folder();
      String password = tally.password().reveal();
      String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
      createDatabase(name + "_process", name);
      Path dumps = Files.createDirectories(folder.resolve("env-dumps"));
      Map<String, String> env = new HashMap<>();
      env.put("PGPASSWORD", "inherited-password");
      env.put("PGSERVICE", "inherited-service");
      env.put("PGSERVICEFILE", folder.resolve("pg_service.conf").toString());
      env.put("PGPASSFILE", inheritedPassFile(folder).toString());
      env.put("ENVTEST_DB_PASSWORD", password);
      env.put("ENVTEST_BACKUP_KEY", key);
      env.put("ENV_DUMPS", dumps.toString());
      env.put("LOCKSTEP_PG_BIN", wrappers(folder).toString());
      Files.writeString(folder.resolve("command.yaml"), commandConfig(name));
      Files.writeString(folder.resolve("process.yaml"), processConfig(name + "_process", name));
      LockstepJar lockstep = new LockstepJar(env, folder);
      try {
        succeeds(lockstep.run("upgrade", "-c", "command.yaml", "--to", "1.0.0"));
        succeeds(lockstep.run("status", "-c", "command.yaml"));
        // The version command reads this: without it the service counts as stopped, and a
        // restore may go ahead.
        Files.deleteIfExists(folder.resolve("running-version"));
        succeeds(restoreNewest(lockstep));
        succeeds(lockstep.run("upgrade", "-c", "process.yaml", "--to", "1.0.0"));
      } finally {
        stopProcessServices(folder, env);
      }

      Map<String, List<Path>> byKind = byKind(dumps);
      assertThat(byKind.keySet())
          .containsAll(
              List.of(
                  "pg_dump",
                  "pg_restore",
                  "stop",
                  "install",
                  "start",
                  "version",
                  "migrate",
                  "check",
                  "dump",
                  "scratchload",
                  "load",
                  "service"));
      for (Map.Entry<String, List<Path>> kind : byKind.entrySet()) {
        for (Path dump : kind.getValue()) {
          Map<String, String> seen = read(dump);
          assertThat(seen.keySet()).as(dump.toString()).doesNotContainAnyElementsOf(WITHHELD);
          String passFile = seen.get("PGPASSFILE");
          if (kind.getKey().equals("service")) {
            assertThat(passFile).as("a service gets no password file").isNull();
            assertThat(seen)
                .containsEntry("EXPLICIT", "yes")
                .containsEntry("DB_PASSWORD", password);
          } else {
            assertThat(passFile).as(dump + ": PGPASSFILE").isNotNull();
            assertThat(Path.of(passFile).getParent().getParent().getFileName().toString())
                .as(dump + ": a password file Lockstep made in the state folder")
                .isEqualTo("tmp");
            assertThat(passFile).startsWith(folder.toString()).doesNotContain("inherited");
            assertThat(String.join("\n", seen.values()))
                .as(dump.toString())
                .doesNotContain(password, key);
          }
        }
      }
      List<Map<String, String>> checks = new ArrayList<>();
      for (Path dump : byKind.get("check")) {
        checks.add(read(dump));
      }
      assertThat(checks)
          .anySatisfy(seen -> assertThat(seen).containsEntry("PGDATABASE", name))
          .anySatisfy(seen -> assertThat(seen).containsEntry("PGDATABASE", name + "_process"))
          .allSatisfy(
              seen ->
                  assertThat(seen)
                      .containsEntry("PGHOST", "127.0.0.1")
                      .containsEntry("PGUSER", name));
    }
  }

  private static void succeeds(Result result) {
    assertThat(result.exitCode()).as(result.all()).isZero();
  }

  /** The newest backup restored over every store: the store's load command and pg_restore run. */
  private static Result restoreNewest(LockstepJar lockstep) {
    Result list = lockstep.run("backup", "list", "-c", "command.yaml");
    succeeds(list);
    String newest = list.stdout().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
    return lockstep.run("backup", "restore", "-c", "command.yaml", newest, "--allow-other-release");
  }

  /** {@code <kind>.<pid>.env} files by kind. */
  private static Map<String, List<Path>> byKind(Path dumps) throws IOException {
    Map<String, List<Path>> kinds = new TreeMap<>();
    try (Stream<Path> files = Files.list(dumps)) {
      files.forEach(
          file -> {
            String kind = file.getFileName().toString().split("\\.")[0];
            kinds.computeIfAbsent(kind, k -> new ArrayList<>()).add(file);
          });
    }
    return kinds;
  }

  private static Map<String, String> read(Path dump) throws IOException {
    Map<String, String> variables = new TreeMap<>();
    for (String line : Files.readAllLines(dump)) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        variables.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return variables;
  }

  /** pg_dump and pg_restore that write their environment, then run the real program. */
  private static Path wrappers(Path folder) throws IOException {
    Path bin = Files.createDirectories(folder.resolve("bin"));
    PgTools tools = PgTools.find();
    for (Map.Entry<String, Path> tool :
        Map.of("pg_dump", tools.pgDump(), "pg_restore", tools.pgRestore()).entrySet()) {
      Path wrapper = bin.resolve(tool.getKey());
      Files.writeString(
          wrapper,
          "#!/bin/sh\nenv > \"$ENV_DUMPS/"
              + tool.getKey()
              + ".$$.env\"\nexec '"
              + tool.getValue()
              + "' \"$@\"\n");
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    }
    return bin;
  }

  /** A pgpass file in the operator's environment, with a wrong password: no child may use it. */
  private static Path inheritedPassFile(Path folder) throws IOException {
    Path file = folder.resolve("inherited.pgpass");
    Files.writeString(file, "*:*:*:*:inherited-wrong\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static String commandConfig(String database) {
    String psql = PgTools.find().psql().toString();
    return common(database)
        + """
        stateDir: state-command
        migrations:
          command: env > "$ENV_DUMPS/migrate.$$.env"; env PSQL=%s /bin/sh releases/{version}/tally.sh migrate
          deadline: 60s
        target:
          type: command
        services:
          server:
            stop: env > "$ENV_DUMPS/stop.$$.env"; rm -f running-version
            install: env > "$ENV_DUMPS/install.$$.env"
            start: env > "$ENV_DUMPS/start.$$.env"; echo {version} > running-version
            version: env > "$ENV_DUMPS/version.$$.env"; cat running-version
        checks:
          - name: the database answers with the password file Lockstep gives
            command:
              run: env > "$ENV_DUMPS/check.$$.env"; %s -X -q -c 'SELECT 1'
            retries: 0
        stores:
          - name: graph
            command:
              dump: env > "$ENV_DUMPS/dump.$$.env"; echo graph > {dir}/graph.dump
              load: env > "$ENV_DUMPS/load.$$.env"; test -f {dir}/graph.dump
              scratchLoad: env > "$ENV_DUMPS/scratchload.$$.env"; cp {dir}/graph.dump {scratch}/
        """
            .formatted(psql, psql);
  }

  private static String processConfig(String database, String user) {
    String psql = PgTools.find().psql().toString();
    return common(database).replace("user: " + database, "user: " + user)
        + """
        stateDir: state-process
        migrations:
          command: env PSQL=%s /bin/sh releases/{version}/tally.sh migrate
          deadline: 60s
        target:
          type: process
        services:
          server:
            run: ["/bin/sh", "-c", "env > \\"$ENV_DUMPS/service.$$.env\\"; exec sleep 100000"]
            env:
              EXPLICIT: "yes"
              DB_PASSWORD: ${ENVTEST_DB_PASSWORD}
            stopTimeout: 5s
        checks:
          - name: the database answers with the password file Lockstep gives
            command:
              run: env > "$ENV_DUMPS/check.$$.env"; %s -X -q -c 'SELECT 1'
            retries: 0
        """
            .formatted(psql, psql);
  }

  private static String common(String database) {
    return """
        environment: test
        releases: releases
        database:
          host: 127.0.0.1
          port: %d
          name: %s
          user: %s
          password: {env: ENVTEST_DB_PASSWORD}
        backup:
          encryption:
            key: {env: ENVTEST_BACKUP_KEY}
        """
        .formatted(PostgresExtension.server().port(), database, database);
  }

  private static void createDatabase(String database, String owner) throws Exception {
    try (Connection connection =
            new Database(PostgresExtension.server().database("postgres")).connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database + " OWNER " + owner);
    }
  }

  private static void stopProcessServices(Path folder, Map<String, String> env) {
    try (Deployment deployment =
        Deployment.open(
            new ConfigLoader(Variables.fromEnvironment().with(env))
                .load(folder.resolve("process.yaml")),
            EngineOptions.quiet())) {
      deployment.stopServices();
    }
  }
}
