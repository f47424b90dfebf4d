package dev.lockstep.schema.snapshot;

import java.util.List;

/** An enum type and its labels, in their sort order. */
public record EnumSnapshot(long oid, String schema, String name, List<String> labels) {

  public EnumSnapshot {
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  public String qualifiedName() {
    return schema + "." + name;
  }
}
