package dev.lockstep.engine.rehearsal;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.RehearsalConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ServerAdmin;
import dev.lockstep.targets.KnownSecrets;
import dev.lockstep.targets.process.ProcessTarget;
import java.nio.file.Path;

/**
 * The rehearsal's own services: local processes with their own state folder, so they never mix with
 * production's, and the scratch database they run on.
 */
final class ScratchServices {
  private final RehearsalConfig rehearsal;
  private final ProcessTarget target;

  ScratchServices(DeploymentConfig config, RehearsalConfig rehearsal) {
    this.rehearsal = rehearsal;
    Path dir = config.stateDir().resolve("rehearsal");
    this.target =
        new ProcessTarget(
            dir, dir.resolve("services"), dir.resolve("logs"), KnownSecrets.of(config));
  }

  void start(ReleaseManifest release) {
    for (ServiceConfig service : rehearsal.services().values()) {
      target.install(service, release);
      target.start(service, release);
    }
  }

  /** Stops every rehearsal service and drops the scratch database, whatever happened before. */
  void stopAndDrop(DatabaseConfig scratch) {
    for (ServiceConfig service : rehearsal.services().values()) {
      try {
        target.stop(service);
      } catch (RuntimeException e) {
        // Keep going: the database and the other services must not be left behind either.
      }
    }
    new ServerAdmin(new Database(scratch), ErrorCode.INTERNAL).drop(scratch.name());
  }
}
