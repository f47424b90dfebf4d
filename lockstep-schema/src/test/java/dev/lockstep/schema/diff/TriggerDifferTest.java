package dev.lockstep.schema.diff;

import static dev.lockstep.schema.diff.Snapshots.column;
import static dev.lockstep.schema.diff.Snapshots.constraintTrigger;
import static dev.lockstep.schema.diff.Snapshots.required;
import static dev.lockstep.schema.diff.Snapshots.schema;
import static dev.lockstep.schema.diff.Snapshots.table;
import static dev.lockstep.schema.diff.Snapshots.trigger;
import static dev.lockstep.schema.diff.Snapshots.triggerFunction;
import static dev.lockstep.schema.diff.Snapshots.withEnabled;
import static dev.lockstep.schema.diff.Snapshots.withTriggers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.schema.snapshot.FunctionSnapshot;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import dev.lockstep.schema.snapshot.TriggerSnapshot;
import dev.lockstep.schema.snapshot.TriggerSnapshot.Enabled;
import dev.lockstep.schema.snapshot.TriggerSnapshot.Timing;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerDifferTest {
  private static final TableSnapshot NOTES =
      table(100, "notes", required(1, "id", "bigint"), column(2, "body", "text"));
  private static final FunctionSnapshot CHECKS = triggerFunction(300, "checks", "h1", true);
  private static final FunctionSnapshot AUDITS = triggerFunction(301, "audits", "h2", false);

  private static SchemaSnapshot notes(TriggerSnapshot... triggers) {
    return schema(List.of(withTriggers(NOTES, triggers)), List.of(CHECKS, AUDITS));
  }

  private static SchemaChange only(SchemaDiff diff) {
    assertThat(diff.changes()).hasSize(1);
    return diff.changes().get(0);
  }

  @Test
  void diff_newBeforeTrigger_isContract() {
    SchemaChange change =
        only(
            SchemaDiffer.diff(
                notes(), notes(trigger(400, "t", Timing.BEFORE, "audits", "INSERT", "UPDATE"))));

    assertThat(change.kind()).isEqualTo(ChangeKind.TRIGGER_ADDED);
    assertThat(change.object()).isEqualTo("public.notes.t");
    assertThat(change.type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(change.reason())
        .isEqualTo(
            "new BEFORE INSERT OR UPDATE row trigger t on public.notes runs public.audits(): it"
                + " runs before the write, so it can refuse the previous release's writes or"
                + " change the rows they write");
  }

  @Test
  void diff_newAfterTriggerThatRaisesNothing_isExpand() {
    SchemaChange change =
        only(
            SchemaDiffer.diff(notes(), notes(trigger(400, "t", Timing.AFTER, "audits", "UPDATE"))));

    assertThat(change.type()).isEqualTo(MigrationClass.EXPAND);
    assertThat(change.reason())
        .contains("an AFTER trigger cannot change the row written")
        .contains("only writes elsewhere");
  }

  @Test
  void diff_newAfterTriggerThatRaises_isContract() {
    SchemaChange change =
        only(
            SchemaDiffer.diff(notes(), notes(trigger(400, "t", Timing.AFTER, "checks", "INSERT"))));

    assertThat(change.type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(change.reason()).contains("public.checks() raises errors");
  }

  @Test
  void diff_newAfterTriggerRunningAFunctionLockstepDoesNotKnow_isContract() {
    SchemaChange change =
        only(SchemaDiffer.diff(notes(), notes(trigger(400, "t", Timing.AFTER, "other", "INSERT"))));

    assertThat(change.type()).isEqualTo(MigrationClass.CONTRACT);
  }

  @Test
  void diff_newConstraintTrigger_isContract() {
    SchemaChange change =
        only(SchemaDiffer.diff(notes(), notes(constraintTrigger(400, "t", "audits"))));

    assertThat(change.type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(change.reason()).contains("constraint trigger exists to refuse writes");
  }

  @Test
  void diff_newDisabledTrigger_isExpand() {
    TriggerSnapshot disabled =
        withEnabled(trigger(400, "t", Timing.BEFORE, "checks", "INSERT"), Enabled.DISABLED);

    SchemaChange change = only(SchemaDiffer.diff(notes(), notes(disabled)));

    assertThat(change.type()).isEqualTo(MigrationClass.EXPAND);
    assertThat(change.reason()).contains("but is disabled");
  }

  @Test
  void diff_triggerOnANewTable_isPartOfTheNewTable() {
    SchemaSnapshot before = schema(List.of(), List.of(CHECKS));
    SchemaSnapshot after = notes(trigger(400, "t", Timing.BEFORE, "checks", "INSERT"));

    assertThat(SchemaDiffer.diff(before, after).changes())
        .extracting(SchemaChange::kind)
        .containsExactly(ChangeKind.TABLE_ADDED, ChangeKind.FUNCTION_ADDED);
  }

  @Test
  void diff_droppedTrigger_isContractUnlessItWasDisabled() {
    TriggerSnapshot audit = trigger(400, "t", Timing.AFTER, "audits", "INSERT");

    SchemaChange dropped = only(SchemaDiffer.diff(notes(audit), notes()));
    SchemaChange droppedDisabled =
        only(SchemaDiffer.diff(notes(withEnabled(audit, Enabled.DISABLED)), notes()));

    assertThat(dropped.type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(dropped.reason())
        .contains("the previous release may rely on what it did, what it wrote elsewhere");
    assertThat(droppedDisabled.type()).isEqualTo(MigrationClass.EXPAND);
  }

  @Test
  void diff_newBodyForTheFunctionOfABeforeTrigger_isContract() {
    TriggerSnapshot before = trigger(400, "t", Timing.BEFORE, "audits", "INSERT");
    FunctionSnapshot newBody = triggerFunction(301, "audits", "h3", false);
    SchemaSnapshot after = schema(List.of(withTriggers(NOTES, before)), List.of(CHECKS, newBody));

    SchemaDiff diff = SchemaDiffer.diff(notes(before), after);

    assertThat(diff.changes())
        .extracting(SchemaChange::kind, SchemaChange::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ChangeKind.TRIGGER_FUNCTION_CHANGED, MigrationClass.CONTRACT),
            org.assertj.core.groups.Tuple.tuple(
                ChangeKind.FUNCTION_CHANGED, MigrationClass.EXPAND));
    assertThat(diff.changes().get(1).reason()).contains("judged with the triggers that run it");
  }

  @Test
  void diff_newBodyThatStillRaisesNothingBehindAnAfterTrigger_isExpand() {
    TriggerSnapshot audit = trigger(400, "t", Timing.AFTER, "audits", "INSERT");
    FunctionSnapshot newBody = triggerFunction(301, "audits", "h3", false);
    SchemaSnapshot after = schema(List.of(withTriggers(NOTES, audit)), List.of(CHECKS, newBody));

    assertThat(SchemaDiffer.diff(notes(audit), after).type()).isEqualTo(MigrationClass.EXPAND);
  }

  @Test
  void diff_afterTriggerFiringOnFewerEvents_isContract_onMore_isExpand() {
    TriggerSnapshot one = trigger(400, "t", Timing.AFTER, "audits", "INSERT");
    TriggerSnapshot two = trigger(400, "t", Timing.AFTER, "audits", "INSERT", "UPDATE");

    SchemaChange fewer = only(SchemaDiffer.diff(notes(two), notes(one)));
    SchemaChange more = only(SchemaDiffer.diff(notes(one), notes(two)));

    assertThat(fewer.kind()).isEqualTo(ChangeKind.TRIGGER_CHANGED);
    assertThat(fewer.type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(fewer.reason()).contains("no longer fires for every write it fired for");
    assertThat(more.type()).isEqualTo(MigrationClass.EXPAND);
  }

  @Test
  void diff_disablingATrigger_isContract() {
    TriggerSnapshot audit = trigger(400, "t", Timing.AFTER, "audits", "INSERT");

    SchemaChange change =
        only(SchemaDiffer.diff(notes(audit), notes(withEnabled(audit, Enabled.DISABLED))));

    assertThat(change.type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(change.reason()).contains("(enabled) is now").contains("(disabled)");
  }

  @Test
  void diff_renamedTrigger_isExpand() {
    TriggerSnapshot before = trigger(400, "t", Timing.BEFORE, "checks", "INSERT");
    TriggerSnapshot after = trigger(400, "u", Timing.BEFORE, "checks", "INSERT");

    SchemaChange change = only(SchemaDiffer.diff(notes(before), notes(after)));

    assertThat(change.kind()).isEqualTo(ChangeKind.TRIGGER_RENAMED);
    assertThat(change.type()).isEqualTo(MigrationClass.EXPAND);
  }
}
