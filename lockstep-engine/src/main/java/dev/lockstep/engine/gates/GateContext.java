package dev.lockstep.engine.gates;

import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.journal.Journal;
import java.util.List;

/**
 * What the gates look at.
 *
 * @param installedVersion the release the journal says is installed, or null
 * @param previous that release's manifest, or null when there is none or it cannot be found
 * @param running what of the services already runs; looked at only when no release is installed
 * @param waiting told what an upgrade about to start waits for (running jobs); null for a plan,
 *     which waits for nothing and judges at once
 */
public record GateContext(
    DeploymentConfig config,
    Journal journal,
    String installedVersion,
    ReleaseManifest previous,
    ReleaseManifest target,
    DatabaseProbe database,
    UpgradeOptions options,
    RunningServices running,
    RunListener waiting) {

  public GateContext {
    running = running == null ? RunningServices.notLooked() : running;
  }

  /** A context for a plan, which waits for nothing. */
  public GateContext(
      DeploymentConfig config,
      Journal journal,
      String installedVersion,
      ReleaseManifest previous,
      ReleaseManifest target,
      DatabaseProbe database,
      UpgradeOptions options,
      RunningServices running) {
    this(config, journal, installedVersion, previous, target, database, options, running, null);
  }

  /** This context for gates that judge at once, as for a plan. */
  public GateContext atOnce() {
    return new GateContext(
        config, journal, installedVersion, previous, target, database, options, running, null);
  }

  /** The gates judge for an upgrade about to start, which may wait. */
  public boolean upgrading() {
    return waiting != null;
  }

  /** The target release's migrations the database has not applied yet. */
  public List<MigrationScript> pendingMigrations() {
    List<String> applied = database.appliedVersions();
    return target.migrations().stream()
        .filter(script -> !applied.contains(script.version()))
        .toList();
  }

  /** A context where nobody looked at the services. */
  public GateContext(
      DeploymentConfig config,
      Journal journal,
      String installedVersion,
      ReleaseManifest previous,
      ReleaseManifest target,
      DatabaseProbe database,
      UpgradeOptions options) {
    this(
        config,
        journal,
        installedVersion,
        previous,
        target,
        database,
        options,
        RunningServices.notLooked());
  }
}
