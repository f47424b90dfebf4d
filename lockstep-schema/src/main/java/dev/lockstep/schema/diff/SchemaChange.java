package dev.lockstep.schema.diff;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.lockstep.core.manifest.MigrationClass;

/**
 * One difference between two snapshots and its class.
 *
 * @param object the object as it was named before: {@code public.notes} for a table, {@code
 *     public.notes.body} for a column or constraint, {@code public.f(integer)} for a function
 * @param type {@link MigrationClass#EXPAND} when the previous release still works with it, {@link
 *     MigrationClass#CONTRACT} when it may not
 * @param reason what changed and why that is expand or contract, in an operator's words
 */
public record SchemaChange(ChangeKind kind, String object, MigrationClass type, String reason) {

  @JsonIgnore
  public boolean isContract() {
    return type == MigrationClass.CONTRACT;
  }

  @Override
  public String toString() {
    return type.label() + ": " + reason;
  }
}
