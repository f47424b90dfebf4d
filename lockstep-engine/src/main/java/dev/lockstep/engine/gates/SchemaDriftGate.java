package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.engine.schema.DriftReport;
import dev.lockstep.schema.diff.SchemaChange;
import java.util.stream.Collectors;

/**
 * The live schema is the one the last run left (or the one the installed release ships): someone
 * changing it by hand makes every class Lockstep measures, and every rollback, a guess.
 *
 * <p>The live schema and the recorded one come from the probe ({@link DatabaseProbe#schema()}).
 * Before any run recorded one, the reference is the snapshot the installed release ships, read here
 * from the release folder: which release is installed is only known from the journal, after the
 * probe's look (tests give it a real snapshot file).
 */
public final class SchemaDriftGate implements Gate {
  private static final String NAME = "no schema drift";

  @Override
  public GateResult check(GateContext context) {
    if (!context.database().reachable()) {
      return GateResult.blocked(
          NAME, "cannot read the schema: the database is not reachable.", null);
    }
    SchemaLook schema = context.database().schema();
    if (!schema.readable()) {
      return GateResult.blocked(
          NAME,
          "cannot read the schema: " + schema.error(),
          "check that Lockstep's database user may read the database's catalog.");
    }
    DriftReport drift = schema.driftFrom(context.previous(), context.config().drift());
    if (drift.reference() == null) {
      return GateResult.passed(NAME, "no schema recorded yet; this run records one");
    }
    if (!drift.drifted()) {
      return GateResult.passed(NAME, "the schema is " + drift.reference() + scope(drift));
    }
    String changes =
        drift.changes().stream().map(SchemaChange::reason).collect(Collectors.joining("; "));
    if (context.options().allowDrift()) {
      return GateResult.passed(NAME, "drift allowed by the operator: " + changes + scope(drift));
    }
    return GateResult.blocked(
        NAME,
        "the live schema differs from " + drift.reference() + ": " + changes + scope(drift) + ".",
        "find out who changed it (`lockstep drift` lists the differences); put it back, or pass"
            + " --allow-drift if the change is intended; a product that changes its own schema"
            + " while it runs needs a drift scope in the config (drift.ignore, drift.scope).");
  }

  /** "; scope: …, 3 changes left alone", or nothing when every change counts. */
  private static String scope(DriftReport drift) {
    if (drift.scope() == null) {
      return "";
    }
    return "; drift scope: "
        + drift.scope()
        + (drift.outOfScope().isEmpty() ? "" : ", " + drift.outOfScope().size() + " left alone");
  }
}
