package dev.lockstep.engine.steps;

import dev.lockstep.backup.BackupStore;
import dev.lockstep.checks.CheckRunner;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.postgres.migrate.MigrationRunner;
import dev.lockstep.targets.Target;
import java.time.Clock;

/** What steps work with: the deployment's config and the real parts that act on it. */
public record Toolbox(
    DeploymentConfig config,
    Target target,
    BackupStore backups,
    MigrationRunner migrations,
    CheckRunner checks,
    RunListener listener,
    Clock clock) {}
