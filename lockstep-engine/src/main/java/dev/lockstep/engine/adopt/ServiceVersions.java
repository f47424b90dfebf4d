package dev.lockstep.engine.adopt;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.ServiceStatus;
import dev.lockstep.targets.ServiceStatus.NodeStatus;
import dev.lockstep.targets.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Every node of every service runs the release to adopt, as its target reports it: the process
 * target from what it started, the command target from each service's {@code version} command. Only
 * asks; starts, stops and restarts nothing.
 */
final class ServiceVersions {
  private final DeploymentConfig config;
  private final Target target;

  ServiceVersions(DeploymentConfig config, Target target) {
    this.config = config;
    this.target = target;
  }

  Finding check(ReleaseManifest release) {
    String version = release.version().toString();
    List<String> matches = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    for (ServiceConfig service : config.services().values()) {
      if (!release.components().containsKey(service.component())) {
        mismatches.add(
            "service "
                + service.name()
                + " runs component '"
                + service.component()
                + "', which "
                + version
                + " does not ship");
        continue;
      }
      ServiceStatus status;
      try {
        status = target.status(service);
      } catch (RuntimeException e) {
        mismatches.add("service " + service.name() + ": its target cannot tell: " + e.getMessage());
        continue;
      }
      for (NodeStatus node : status.nodes()) {
        String where = "service " + service.name() + " on node " + node.node();
        if (!node.running()) {
          mismatches.add(where + " is not running (" + node.detail() + ")");
        } else if (node.version() == null) {
          mismatches.add(
              where
                  + " runs, but which release it runs cannot be told ("
                  + node.detail()
                  + "); give services."
                  + service.name()
                  + ".version a command that prints it");
        } else if (!node.version().equals(version)) {
          mismatches.add(where + " runs " + node.version() + ", not " + version);
        } else {
          matches.add(where + " runs " + version + " (" + node.detail() + ")");
        }
      }
    }
    return new Finding(matches, mismatches);
  }
}
