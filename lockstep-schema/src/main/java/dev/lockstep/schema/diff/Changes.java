package dev.lockstep.schema.diff;

import dev.lockstep.core.manifest.MigrationClass;
import java.util.ArrayList;
import java.util.List;

/** Collects the changes the differs find, in the order they find them. */
final class Changes {
  private final List<SchemaChange> found = new ArrayList<>();

  void expand(ChangeKind kind, String object, String reason) {
    found.add(new SchemaChange(kind, object, MigrationClass.EXPAND, reason));
  }

  void contract(ChangeKind kind, String object, String reason) {
    found.add(new SchemaChange(kind, object, MigrationClass.CONTRACT, reason));
  }

  void add(ChangeKind kind, String object, boolean contract, String reason) {
    if (contract) {
      contract(kind, object, reason);
    } else {
      expand(kind, object, reason);
    }
  }

  List<SchemaChange> all() {
    return List.copyOf(found);
  }
}
