package dev.lockstep.engine.gates;

import dev.lockstep.core.plan.GateResult;
import dev.lockstep.engine.steps.Bytes;

/** The product's database answers, so it can be backed up and migrated. */
public final class DatabaseGate implements Gate {
  private static final String NAME = "state stores reachable";

  @Override
  public GateResult check(GateContext context) {
    DatabaseProbe probe = context.database();
    if (!probe.reachable()) {
      return GateResult.blocked(
          NAME, probe.error(), "start the database or fix the database section of the config.");
    }
    return GateResult.passed(
        NAME,
        "PostgreSQL "
            + probe.serverVersion()
            + "; "
            + context.config().stores().size()
            + " store(s) to back up, "
            + Bytes.format(probe.storesBytes()));
  }
}
