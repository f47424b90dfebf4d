package dev.lockstep.examples;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.process.ProgramPath;
import dev.lockstep.targets.compose.ComposeReadiness;
import dev.lockstep.targets.compose.ComposeReadiness.Finding;
import java.util.Optional;

/**
 * What the demo on compose needs on this machine, checked before it starts anything: Docker Compose
 * and a container engine that answers (as {@code lockstep doctor} checks them), and Podman, which
 * builds the sample product's images.
 */
final class ComposeDemoRequirements {
  private ComposeDemoRequirements() {}

  /**
   * @throws LockstepException (exit 1) naming what is missing and what to install
   */
  static void check() {
    ComposeReadiness readiness = ComposeReadiness.ofThisMachine();
    Optional<Finding> problem = readiness.firstProblem();
    if (problem.isPresent()) {
      throw missing(problem.get().found(), problem.get().fix());
    }
    ProgramPath path = ProgramPath.fromEnvironment();
    if (path.find("podman").isEmpty()) {
      throw missing(
          "podman, which builds the sample product's images (examples/compose/images/build.sh),"
              + " is not on the PATH ("
              + path.describe()
              + ")",
          ComposeReadiness.INSTALL_PODMAN);
    }
  }

  private static LockstepException missing(String found, String fix) {
    return new LockstepException(
        ErrorCode.TOOL_MISSING,
        "the demo on compose cannot run here, nothing was started. "
            + found
            + (found.matches("(?s).*[.?!]$") ? "" : ".")
            + " Fix: "
            + fix
            + "; or run `lockstep demo` without --target, which needs no container engine.");
  }
}
