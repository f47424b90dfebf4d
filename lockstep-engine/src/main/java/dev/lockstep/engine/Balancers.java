package dev.lockstep.engine;

import dev.lockstep.core.config.BalancerConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.targets.balancer.LoadBalancer;
import dev.lockstep.targets.balancer.command.CommandBalancer;
import dev.lockstep.targets.balancer.haproxy.HaproxyBalancer;
import dev.lockstep.targets.balancer.http.HttpDrainBalancer;
import dev.lockstep.targets.command.ShellRunner;

/** Picks the load balancer a deployment config names, or none. */
final class Balancers {
  private Balancers() {}

  /** The config's balancer; null when it has none. */
  static LoadBalancer create(DeploymentConfig config) {
    BalancerConfig balancer = config.balancer();
    if (balancer == null) {
      return null;
    }
    return switch (balancer.type()) {
      case HAPROXY -> HaproxyBalancer.of(balancer);
      case HTTP -> HttpDrainBalancer.of(balancer);
      case COMMAND ->
          new CommandBalancer(
              balancer,
              new ShellRunner(
                  config.target().shell(),
                  config.file() == null ? config.stateDir() : config.file().getParent(),
                  config.logsDir().resolve("balancer.log"),
                  ProcessRunner.forDeployment(config),
                  null));
    };
  }
}
