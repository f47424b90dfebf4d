package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.postgres.RolePrivileges;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabasePrivilegesGateTest {
  @TempDir Path dir;
  private GateFixture fixture;

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void check_roleMayDoEverything_passes() {
    probe(RolePrivileges.sufficient("app", "app"));

    GateResult result = fixture.check(new DatabasePrivilegesGate());

    assertThat(result)
        .isEqualTo(
            GateResult.passed(
                "database privileges", "role app may copy, replace and read every table"));
  }

  @Test
  void check_roleWithoutCreatedb_blocksWithTheAlterRole() {
    probe(new RolePrivileges("app", "app", false, false, true, List.of(), List.of()));

    GateResult result = fixture.check(new DatabasePrivilegesGate());

    assertThat(result.blocked()).isTrue();
    assertThat(result.message())
        .isEqualTo(
            "role 'app' cannot create databases (the snapshot and the test restore of the backup"
                + " do)");
    assertThat(result.fix())
        .isEqualTo("as a superuser (or the tables' owner), run: ALTER ROLE \"app\" CREATEDB;");
  }

  @Test
  void check_unreadableTables_foldsTheListButGrantsEveryTable() {
    List<String> tables =
        List.of("public.a", "public.b", "public.c", "public.d", "public.e", "public.f", "public.g");
    probe(new RolePrivileges("app", "app", false, true, true, tables, List.of("audit")));

    GateResult result = fixture.check(new DatabasePrivilegesGate());

    assertThat(result.message())
        .isEqualTo(
            "role 'app' cannot read schema audit, public.a, public.b, public.c, public.d and 3 more"
                + " in app (the backup reads every table)");
    assertThat(result.fix())
        .endsWith(
            "run: GRANT USAGE ON SCHEMA audit TO \"app\"; GRANT SELECT ON public.a, public.b,"
                + " public.c, public.d, public.e, public.f, public.g TO \"app\";");
  }

  @Test
  void check_databaseUnreachable_leavesTheVerdictToTheReachabilityGate() {
    fixture.database = DatabaseProbe.unreachable("no answer");

    assertThat(fixture.check(new DatabasePrivilegesGate()).blocked()).isFalse();
  }

  private void probe(RolePrivileges privileges) {
    fixture.database =
        new DatabaseProbe(
            null,
            "15.4",
            0,
            List.of("1"),
            HistoryTables.none(),
            SchemaLook.empty(),
            List.of(privileges));
  }
}
