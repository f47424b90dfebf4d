package dev.lockstep.engine.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.process.ProgramPath;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class ClientProgramsCheckTest {
  @TempDir Path dir;

  @Test
  void check_everyClientProgramInstalled_isOkWithVersionsAndTheServers(ThrowawayPostgres server) {
    ServerProbe probe = ServerProbe.of(server.database("postgres"));
    PgTools tools = PgTools.find();
    ProgramPath path = DoctorConfigs.pathWith(dir, tools.pgDump(), tools.pgRestore(), tools.psql());

    List<DoctorResult> results = new ClientProgramsCheck(path, probe).check();

    assertThat(results)
        .extracting(DoctorResult::name)
        .containsExactly("pg_dump", "pg_restore", "psql");
    assertThat(results).allSatisfy(r -> assertThat(r.verdict()).isEqualTo(Verdict.OK));
    assertThat(results.get(0).found())
        .contains(dir.resolve("pg_dump").toString())
        .contains("the server runs " + probe.version().text());
  }

  @Test
  void check_pathWithoutPgDump_failsWithTheInstallHintForTheServersRelease(
      ThrowawayPostgres server) {
    ServerProbe probe = ServerProbe.of(server.database("postgres"));
    PgTools tools = PgTools.find();
    ProgramPath path = DoctorConfigs.pathWith(dir, tools.pgRestore(), tools.psql());

    List<DoctorResult> results = new ClientProgramsCheck(path, probe).check();

    DoctorResult pgDump = results.get(0);
    assertThat(pgDump.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(pgDump.found()).startsWith("not found").contains("it takes every backup");
    assertThat(pgDump.fix())
        .contains("apt-get install postgresql-client-" + probe.version().major())
        .contains("LOCKSTEP_PG_BIN");
    assertThat(results.get(1).verdict()).isEqualTo(Verdict.OK);
  }

  @Test
  void check_noPsql_isOnlyAWarning(ThrowawayPostgres server) {
    ServerProbe probe = ServerProbe.of(server.database("postgres"));
    PgTools tools = PgTools.find();
    ProgramPath path = DoctorConfigs.pathWith(dir, tools.pgDump(), tools.pgRestore());

    List<DoctorResult> results = new ClientProgramsCheck(path, probe).check();

    assertThat(results.get(2).verdict()).isEqualTo(Verdict.WARN);
    assertThat(results.get(2).fix()).contains("postgresql-client-");
  }

  @Test
  void check_pgDumpOlderThanTheServer_fails(ThrowawayPostgres server) throws Exception {
    ServerProbe probe = ServerProbe.of(server.database("postgres"));
    // A pg_dump of PostgreSQL 12, as an old client package installs it; only its version matters.
    Path old = dir.resolve("pg_dump");
    Files.writeString(old, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 12.4'\n");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwx------"));

    List<DoctorResult> results =
        new ClientProgramsCheck(ProgramPath.of(dir.toString()), probe).check();

    assertThat(results.get(0).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(results.get(0).found())
        .contains("12.4 at " + old)
        .contains("older than the server (" + probe.version().text() + ")");
    assertThat(results.get(0).fix()).contains("postgresql-client-" + probe.version().major());
  }

  @Test
  void check_serverUnreachable_judgesWhatIsInstalledAndNamesThePlainPackage() {
    DatabaseConfig nowhere =
        new DatabaseConfig("127.0.0.1", 1, "postgres", "nobody", Secret.of("x"), "postgres");
    ServerProbe probe = ServerProbe.of(nowhere);

    List<DoctorResult> results =
        new ClientProgramsCheck(ProgramPath.of(dir.toString()), probe).check();

    assertThat(probe.reachable()).isFalse();
    assertThat(results.get(0).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(results.get(0).fix()).startsWith("apt-get install postgresql-client (");
  }
}
