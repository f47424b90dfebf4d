package dev.lockstep.engine.gates;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.targets.compose.ComposeTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * With the compose target, every image of the target release is on the engine before anything is
 * stopped: an image found missing at install time would cost a stop and a rollback. Nothing is
 * pulled here; the gate only asks the engine ({@code image inspect}).
 */
public final class ComposeImagesGate implements Gate {
  private static final String NAME = "compose images";

  /** Null when the deployment does not use the compose target: there is nothing to report. */
  @Override
  public GateResult check(GateContext context) {
    if (context.config().target() == null
        || context.config().target().type() != TargetType.COMPOSE) {
      return null;
    }
    ComposeTarget target = new ComposeTarget(context.config());
    List<String> missing = new ArrayList<>();
    String fix = null;
    try {
      for (ServiceConfig service : context.config().services().values()) {
        Optional<String> absent = target.absentImage(service, context.target());
        if (absent.isPresent()) {
          missing.add(service.name() + ": " + absent.get());
          fix = fix == null ? target.absentMessage(service, context.target(), absent.get()) : fix;
        }
      }
      Optional<String> migrate = target.absentMigrateImage(context.target());
      if (migrate.isPresent()) {
        missing.add(context.config().target().compose().migrate() + ": " + migrate.get());
        fix = fix == null ? "Fix: pull or build it first." : fix;
      }
    } catch (LockstepException e) {
      return GateResult.blocked(
          NAME, e.getMessage(), "start the container engine (lockstep doctor says how).");
    }
    if (!missing.isEmpty()) {
      return GateResult.blocked(
          NAME,
          "the engine lacks "
              + missing.size()
              + " image(s) of "
              + context.target().version()
              + ": "
              + String.join(", ", missing)
              + ".",
          fix.substring(fix.indexOf("Fix: ") + "Fix: ".length()));
    }
    return GateResult.passed(
        NAME,
        "the engine has the image of each of the "
            + context.config().services().size()
            + " services");
  }
}
