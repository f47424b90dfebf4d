package dev.lockstep.engine.gates;

import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.plan.GateResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every service runs a component of the target release, and every component is deployed. */
public final class SameReleaseGate implements Gate {
  private static final String NAME = "all components from one release";

  @Override
  public GateResult check(GateContext context) {
    List<String> problems = new ArrayList<>();
    Set<String> components = context.target().components().keySet();
    for (ServiceConfig service : context.config().services().values()) {
      if (!components.contains(service.component())) {
        problems.add(
            "service "
                + service.name()
                + " runs component '"
                + service.component()
                + "', which release "
                + context.target().version()
                + " does not ship");
      }
    }
    Set<String> deployed = context.config().deployedComponents();
    components.stream()
        .filter(component -> !deployed.contains(component))
        .sorted()
        .forEach(
            component -> problems.add("component '" + component + "' is deployed by no service"));
    if (!problems.isEmpty()) {
      return GateResult.blocked(
          NAME,
          String.join("; ", problems) + ".",
          "make services.<name>.component match the release's components "
              + components.stream().sorted().toList()
              + ".");
    }
    return GateResult.passed(
        NAME, components.size() + " components, all from " + context.target().version());
  }
}
