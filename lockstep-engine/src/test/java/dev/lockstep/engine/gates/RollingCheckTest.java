package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.plan.RollingVerdict;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.schema.diff.ChangeKind;
import dev.lockstep.schema.diff.SchemaChange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 1.0.0 → 1.1.0 with V2 (add note tags) pending, unless a test says otherwise. */
class RollingCheckTest {
  @TempDir Path dir;
  private GateFixture fixture;

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
    fixture.target = GateFixture.compatibleWith(fixture.target, "1.0.0");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void of_compatibleAndEveryMigrationMeasuredExpand_allowsSayingWhy() {
    String rehearsal = rehearsed(RunStatus.SUCCEEDED, "EXPAND", List.of());

    RollingVerdict verdict = RollingCheck.of(fixture.context());

    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.reasons())
        .containsExactly(
            "1.1.0 declares itself compatible with 1.0.0",
            "V2 add note tags declared expand and measured expand by rehearsal " + rehearsal);
  }

  @Test
  void of_releaseNotCompatibleWithTheInstalledOne_refusesNamingItsList() {
    fixture.target = GateFixture.compatibleWith(fixture.target, "0.9.0");
    rehearsed(RunStatus.SUCCEEDED, "EXPAND", List.of());

    RollingVerdict verdict = RollingCheck.of(fixture.context());

    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reasons())
        .containsExactly(
            "1.1.0 does not declare itself compatible with 1.0.0 (its manifest's compatibleWith:"
                + " [0.9.0]), so nodes of both cannot serve side by side");
  }

  @Test
  void of_aContractMigration_refusesNamingIt() {
    fixture.target =
        GateFixture.compatibleWith(
            fixture.release(
                "1.1.0",
                List.of(
                    GateFixture.V1,
                    new MigrationScript("2", "drop body", null, MigrationClass.CONTRACT))),
            "1.0.0");

    RollingVerdict verdict = RollingCheck.of(fixture.context());

    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reasons())
        .containsExactly(
            "migration V2 drop body is declared contract: 1.0.0's nodes still serving could"
                + " break on the changed schema");
  }

  @Test
  void of_expandDeclaredButNeverRehearsed_refusesSayingHowToMeasureIt() {
    RollingVerdict verdict = RollingCheck.of(fixture.context());

    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reasons())
        .containsExactly(
            "V2 add note tags declared expand, but no passing rehearsal of this upgrade measured"
                + " it: run `lockstep rehearse --to 1.1.0`");
  }

  @Test
  void of_rehearsalMeasuredContract_refusesNamingTheChange() {
    rehearsed(
        RunStatus.SUCCEEDED,
        "CONTRACT",
        List.of(
            new SchemaChange(
                ChangeKind.COLUMN_DROPPED,
                "public.notes.body",
                MigrationClass.CONTRACT,
                "column public.notes.body dropped: 1.0.0 still reads it")));

    RollingVerdict verdict = RollingCheck.of(fixture.context());

    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reasons())
        .containsExactly(
            "V2 add note tags declared expand, but the rehearsal measured contract: column"
                + " public.notes.body dropped: 1.0.0 still reads it");
  }

  @Test
  void of_aContractMigrationHeldBackUntilAfterTheRollout_allowsWhenThePartBeforeIsMeasuredExpand() {
    heldBackDropOfBody();
    String id = fixture.journal.startRun(RunKind.REHEARSAL, "test", "1.0.0", "1.1.0").id();
    fixture.journal.recordFact(id, "rehearsal.measured", "CONTRACT");
    fixture.journal.recordFact(id, "rehearsal.measuredBeforeRollout", "EXPAND");
    fixture.journal.recordFact(id, "rehearsal.applied", "[\"2\", \"3\"]");
    fixture.journal.finishRun(id, RunStatus.SUCCEEDED, "done");

    RollingVerdict verdict = RollingCheck.of(fixture.context());

    assertThat(verdict.allowed()).as(verdict.reasons().toString()).isTrue();
    assertThat(verdict.reasons())
        .containsExactly(
            "1.1.0 declares itself compatible with 1.0.0",
            "V2 add note tags declared expand and measured expand by rehearsal " + id,
            "migration V3 drop body (contract) is held back until every node runs 1.1.0; from"
                + " then on a rollback restores the backup");
  }

  @Test
  void of_aHeldBackMigration_theRehearsalOfThePartBeforeMeasuredContract_refuses() {
    heldBackDropOfBody();
    String id = fixture.journal.startRun(RunKind.REHEARSAL, "test", "1.0.0", "1.1.0").id();
    fixture.journal.recordFact(id, "rehearsal.measured", "CONTRACT");
    fixture.journal.recordFact(id, "rehearsal.measuredBeforeRollout", "CONTRACT");
    fixture.journal.recordFact(id, "rehearsal.applied", "[\"2\", \"3\"]");
    fixture.journal.recordFact(
        id,
        "rehearsal.changesBeforeRollout",
        Json.write(
            List.of(
                new SchemaChange(
                    ChangeKind.COLUMN_DROPPED,
                    "public.notes.title",
                    MigrationClass.CONTRACT,
                    "column public.notes.title dropped: 1.0.0 still reads it"))));
    fixture.journal.finishRun(id, RunStatus.SUCCEEDED, "done");

    RollingVerdict verdict = RollingCheck.of(fixture.context());

    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reasons())
        .contains(
            "V2 add note tags declared expand, but the rehearsal measured contract: column"
                + " public.notes.title dropped: 1.0.0 still reads it");
  }

  @Test
  void of_nothingPending_allowsWhenCompatible() {
    fixture.database = new DatabaseProbe(null, "15.4", 2048, List.of("1", "2"));

    RollingVerdict verdict = RollingCheck.of(fixture.context());

    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.reasons()).contains("no migration is pending");
  }

  @Test
  void of_firstInstall_refuses() {
    fixture.previous = null;
    fixture.installedVersion = null;

    assertThat(RollingCheck.of(fixture.context()).allowed()).isFalse();
  }

  /** 1.1.0 with V2 (add note tags, expand) and V3 (drop body, contract) held back. */
  private void heldBackDropOfBody() {
    fixture.target =
        GateFixture.compatibleWith(
            fixture.release(
                "1.1.0",
                List.of(
                    GateFixture.V1,
                    GateFixture.V2,
                    new MigrationScript("3", "drop body", null, MigrationClass.CONTRACT, true))),
            "1.0.0");
  }

  private String rehearsed(RunStatus status, String measured, List<SchemaChange> changes) {
    String id = fixture.journal.startRun(RunKind.REHEARSAL, "test", "1.0.0", "1.1.0").id();
    fixture.journal.recordFact(id, "rehearsal.measured", measured);
    fixture.journal.recordFact(id, "rehearsal.applied", "[\"2\"]");
    fixture.journal.recordFact(id, "rehearsal.changes", Json.write(changes));
    fixture.journal.finishRun(id, status, "done");
    return id;
  }
}
