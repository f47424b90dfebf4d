package dev.lockstep.schema.diff;

import static dev.lockstep.schema.diff.Snapshots.column;
import static dev.lockstep.schema.diff.Snapshots.policy;
import static dev.lockstep.schema.diff.Snapshots.required;
import static dev.lockstep.schema.diff.Snapshots.schema;
import static dev.lockstep.schema.diff.Snapshots.table;
import static dev.lockstep.schema.diff.Snapshots.withRoles;
import static dev.lockstep.schema.diff.Snapshots.withSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.schema.snapshot.PolicySnapshot;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowSecurityDifferTest {
  private static final TableSnapshot NOTES =
      table(100, "notes", required(1, "id", "bigint"), column(2, "user_id", "bigint"));
  private static final PolicySnapshot OWNER =
      policy(500, "owner", true, "(user_id = current_user_id())");
  private static final PolicySnapshot LIVE = policy(501, "live", false, "(deleted_at IS NULL)");

  private static SchemaSnapshot notes(boolean enabled, PolicySnapshot... policies) {
    return schema(List.of(withSecurity(NOTES, enabled, false, policies)));
  }

  @Test
  void diff_permissivePolicyWhileSecurityIsOn_isExpand() {
    SchemaDiff permissive = SchemaDiffer.diff(notes(true), notes(true, OWNER));

    assertThat(permissive.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ChangeKind.POLICY_ADDED);
              assertThat(c.type()).isEqualTo(MigrationClass.EXPAND);
              assertThat(c.reason())
                  .startsWith(
                      "new permissive policy owner (ALL, to public) on public.notes USING"
                          + " (user_id = current_user_id())")
                  .contains("only lets more rows through");
            });
  }

  @Test
  void diff_restrictivePolicyWhileSecurityIsOn_isContract() {
    SchemaChange change =
        SchemaDiffer.diff(notes(true, OWNER), notes(true, OWNER, LIVE)).changes().get(0);

    assertThat(change.type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(change.reason()).contains("every row must also pass a restrictive policy");
  }

  @Test
  void diff_policiesWhileSecurityIsOff_areExpand() {
    SchemaDiff diff = SchemaDiffer.diff(notes(false, OWNER), notes(false, LIVE));

    assertThat(diff.changes()).hasSize(2).allMatch(c -> c.type() == MigrationClass.EXPAND);
    assertThat(diff.changes().get(0).reason()).contains("policies have no effect");
  }

  @Test
  void diff_enablingSecurityWithAPermissivePolicy_isContractForTheEnabling() {
    SchemaDiff diff = SchemaDiffer.diff(notes(false), notes(true, OWNER));

    assertThat(diff.changes())
        .extracting(SchemaChange::kind, SchemaChange::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ChangeKind.ROW_LEVEL_SECURITY_CHANGED, MigrationClass.CONTRACT),
            org.assertj.core.groups.Tuple.tuple(ChangeKind.POLICY_ADDED, MigrationClass.EXPAND));
  }

  @Test
  void diff_droppedPermissivePolicy_isContract_droppedRestrictive_isExpand() {
    SchemaDiff permissive = SchemaDiffer.diff(notes(true, OWNER, LIVE), notes(true, LIVE));
    SchemaDiff restrictive = SchemaDiffer.diff(notes(true, OWNER, LIVE), notes(true, OWNER));

    assertThat(permissive.type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(permissive.changes().get(0).reason()).contains("are now hidden or refused");
    assertThat(restrictive.type()).isEqualTo(MigrationClass.EXPAND);
  }

  @Test
  void diff_permissivePolicyForMoreRoles_isExpand_withANewRule_isContract() {
    PolicySnapshot forApp = withRoles(OWNER, "app");
    PolicySnapshot forBoth = withRoles(OWNER, "app", "reports");
    PolicySnapshot newRule =
        new PolicySnapshot(500, "owner", "ALL", true, List.of("app"), "(user_id = 1)", null);

    assertThat(SchemaDiffer.diff(notes(true, forApp), notes(true, forBoth)).type())
        .isEqualTo(MigrationClass.EXPAND);
    assertThat(SchemaDiffer.diff(notes(true, forApp), notes(true, newRule)).changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ChangeKind.POLICY_CHANGED);
              assertThat(c.type()).isEqualTo(MigrationClass.CONTRACT);
            });
  }

  @Test
  void diff_forcingSecurityOnTheOwner_isContractWhileItIsEnabled() {
    SchemaSnapshot enabled = notes(true, OWNER);
    SchemaSnapshot forced = schema(List.of(withSecurity(NOTES, true, true, OWNER)));
    SchemaSnapshot forcedButOff = schema(List.of(withSecurity(NOTES, false, true)));

    assertThat(SchemaDiffer.diff(enabled, forced).changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.type()).isEqualTo(MigrationClass.CONTRACT);
              assertThat(c.reason()).contains("is now forced on the table's owner");
            });
    assertThat(SchemaDiffer.diff(notes(false), forcedButOff).type())
        .isEqualTo(MigrationClass.EXPAND);
  }
}
