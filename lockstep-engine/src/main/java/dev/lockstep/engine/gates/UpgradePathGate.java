package dev.lockstep.engine.gates;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.UpgradePath;
import dev.lockstep.core.plan.GateResult;
import java.util.stream.Collectors;

/**
 * The target is newer than what runs, the installed release's manifest is still at hand (the
 * rollback needs it), and no required stop or {@code minimumFrom} lies between them.
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
    UpgradePath path;
    try {
      ReleaseCatalog catalog =
          new ReleaseCatalog(context.config().releases(), context.config().trustedKeys());
      path =
          UpgradePath.between(
              catalog,
              v -> v.equals(target) ? context.target() : catalog.get(v),
              installed,
              target);
    } catch (BadInputException e) {
      if (e.errorCode() == ErrorCode.SIGNATURE_INVALID) {
        // A release on the way that no trusted key signed is bad input, as the target would be.
        Problem problem = e.problems().get(0);
        return GateResult.invalid(
            NAME,
            problem.file() + ": " + problem.field() + ": " + problem.message(),
            problem.fix());
      }
      return GateResult.blocked(NAME, e.getMessage(), "complete the release catalog.");
    } catch (LockstepException e) {
      return GateResult.blocked(NAME, e.getMessage(), "complete the release catalog.");
    }
    if (!path.direct()) {
      return GateResult.blocked(
          NAME,
          installed
              + " → "
              + target
              + " must stop at "
              + path.stops().stream().map(Version::toString).collect(Collectors.joining(", "))
              + " on the way (a required stop, or a release's minimumFrom).",
          "`lockstep upgrade --to "
              + target
              + "` takes every hop in turn (`lockstep path --to "
              + target
              + "` lists them); `lockstep plan --to "
              + path.hops().get(0)
              + "` plans the first.");
    }
    return GateResult.passed(NAME, installed + " → " + target);
  }
}
