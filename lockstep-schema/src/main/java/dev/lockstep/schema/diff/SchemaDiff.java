package dev.lockstep.schema.diff;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.core.manifest.MigrationClass;
import java.util.List;

/**
 * Every difference between two snapshots, in a stable order (schemas, enums and domains, tables
 * with their columns, constraints, indexes, triggers and policies, views, functions, sequences).
 */
public record SchemaDiff(List<SchemaChange> changes) {

  public SchemaDiff {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /**
   * {@link MigrationClass#CONTRACT} when any change is; otherwise {@link MigrationClass#EXPAND},
   * which is also the class of no change at all.
   */
  @JsonProperty("type")
  public MigrationClass type() {
    return changes.stream().anyMatch(SchemaChange::isContract)
        ? MigrationClass.CONTRACT
        : MigrationClass.EXPAND;
  }

  /** The changes that break the previous release: the reasons a restore is needed to go back. */
  public List<SchemaChange> contractChanges() {
    return changes.stream().filter(SchemaChange::isContract).toList();
  }

  public boolean hasChanges() {
    return !changes.isEmpty();
  }
}
