package dev.lockstep.engine.gates;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.plan.GateResult;

/**
 * The target is newer than what runs, and the installed release's manifest is still at hand (the
 * rollback needs it).
 */
public final class UpgradePathGate implements Gate {
  private static final String NAME = "upgrade path";

  @Override
  public GateResult check(GateContext context) {
    Version target = context.target().version();
    if (context.installedVersion() == null) {
      return GateResult.passed(NAME, "first install of " + target);
    }
    Version installed = Version.parse(context.installedVersion());
    if (installed.equals(target)) {
      return GateResult.blocked(
          NAME, target + " is already installed.", "nothing to do; pick a newer release.");
    }
    if (target.compareTo(installed) < 0) {
      return GateResult.blocked(
          NAME,
          target + " is older than the installed " + installed + ".",
          "to go back after an upgrade, use `lockstep rollback`, which knows how to undo it.");
    }
    if (context.previous() == null) {
      return GateResult.blocked(
          NAME,
          "the manifest of the installed release "
              + installed
              + " is not in "
              + context.config().releases()
              + "; without it nothing could be rolled back.",
          "put it back at "
              + context.config().releases().resolve(installed.toString())
              + "/release.yaml.");
    }
    return GateResult.passed(NAME, installed + " → " + target);
  }
}
