package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.schema.diff.SchemaChange;
import dev.lockstep.schema.diff.SchemaDiff;
import dev.lockstep.schema.diff.SchemaDiffer;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The live schema is the one the last run left (or the one the installed release ships): someone
 * changing it by hand makes every class Lockstep measures, and every rollback, a guess.
 */
public final class SchemaDriftGate implements Gate {
  private static final String NAME = "no schema drift";

  @Override
  public GateResult check(GateContext context) {
    if (!context.database().reachable()) {
      return GateResult.blocked(
          NAME, "cannot read the schema: the database is not reachable.", null);
    }
    SchemaRecords schemas = new SchemaRecords(context.config());
    Optional<SchemaSnapshot> reference = reference(context, schemas);
    if (reference.isEmpty()) {
      return GateResult.passed(NAME, "no schema recorded yet; this run records one");
    }
    SchemaDiff drift = SchemaDiffer.diff(reference.get(), schemas.live());
    if (!drift.hasChanges()) {
      return GateResult.passed(NAME, "the schema is the one the last run left");
    }
    String changes =
        drift.changes().stream().map(SchemaChange::reason).collect(Collectors.joining("; "));
    if (context.options().allowDrift()) {
      return GateResult.passed(NAME, "drift allowed by the operator: " + changes);
    }
    return GateResult.blocked(
        NAME,
        "the live schema differs from the one the last run left: " + changes + ".",
        "find out who changed it (`lockstep drift` lists the differences); put it back, or pass"
            + " --allow-drift if the change is intended.");
  }

  private static Optional<SchemaSnapshot> reference(GateContext context, SchemaRecords schemas) {
    Optional<SchemaSnapshot> current = schemas.current();
    if (current.isPresent()
        || context.previous() == null
        || context.previous().schemaFile() == null) {
      return current;
    }
    return Optional.of(SchemaSnapshot.read(context.previous().schemaFile()));
  }
}
