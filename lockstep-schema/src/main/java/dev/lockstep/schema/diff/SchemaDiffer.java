package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.util.Objects;

/**
 * Compares two snapshots and classes every difference: expand when the previous release still works
 * with it, contract when it may not. When in doubt a change is contract: a contract class only
 * makes a rollback restore the backup instead of reverting the services, while an expand class that
 * was wrong would leave the previous release running on a schema it cannot use.
 */
public final class SchemaDiffer {
  private SchemaDiffer() {}

  public static SchemaDiff diff(SchemaSnapshot before, SchemaSnapshot after) {
    boolean idsComparable = sameOrigin(before, after);
    Changes changes = new Changes();
    schemas(before, after, changes);
    Routines routines = new Routines(before.functions(), after.functions());
    new EnumDiffer(changes).diff(before.enums(), after.enums(), idsComparable);
    new DomainDiffer(changes, after.tables())
        .diff(before.domains(), after.domains(), idsComparable);
    new TableDiffer(changes, routines, new Domains(after.domains()))
        .diff(before.tables(), after.tables(), idsComparable);
    new ViewDiffer(changes, routines).diff(before.views(), after.views(), idsComparable);
    new FunctionDiffer(changes).diff(before.functions(), after.functions(), idsComparable);
    new SequenceDiffer(changes).diff(before.sequences(), after.sequences(), idsComparable);
    return new SchemaDiff(changes.all());
  }

  /** Catalog ids only identify an object within one database of one cluster. */
  private static boolean sameOrigin(SchemaSnapshot before, SchemaSnapshot after) {
    return before.origin() != null
        && !before.origin().isEmpty()
        && Objects.equals(before.origin(), after.origin());
  }

  private static void schemas(SchemaSnapshot before, SchemaSnapshot after, Changes changes) {
    for (String schema : before.schemas()) {
      if (!after.schemas().contains(schema)) {
        changes.contract(
            ChangeKind.SCHEMA_DROPPED,
            schema,
            "schema " + schema + " was dropped: the previous release may still use what was in it");
      }
    }
    for (String schema : after.schemas()) {
      if (!before.schemas().contains(schema)) {
        changes.expand(
            ChangeKind.SCHEMA_ADDED,
            schema,
            "new schema " + schema + ": the previous release does not use it");
      }
    }
  }
}
