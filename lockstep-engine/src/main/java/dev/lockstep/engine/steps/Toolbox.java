package dev.lockstep.engine.steps;

import dev.lockstep.backup.BackupStore;
import dev.lockstep.checks.CheckRunner;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.postgres.migrate.MigrationRunner;
import dev.lockstep.targets.Target;
import dev.lockstep.targets.balancer.LoadBalancer;
import java.time.Clock;

/**
 * What steps work with: the deployment's config and the real parts that act on it.
 *
 * @param balancer the load balancer a rolling upgrade takes nodes out of rotation through; null
 *     when the config has none
 */
public record Toolbox(
    DeploymentConfig config,
    Target target,
    BackupStore backups,
    MigrationRunner migrations,
    CheckRunner checks,
    RunListener listener,
    Clock clock,
    LoadBalancer balancer) {

  /** Without a load balancer. */
  public Toolbox(
      DeploymentConfig config,
      Target target,
      BackupStore backups,
      MigrationRunner migrations,
      CheckRunner checks,
      RunListener listener,
      Clock clock) {
    this(config, target, backups, migrations, checks, listener, clock, null);
  }
}
