package dev.lockstep.engine.doctor;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import java.util.Optional;

/**
 * One look at the configured database server: its version, or why it could not be read. Several
 * checks need it (the client programs must not be older), so it is asked once.
 *
 * @param version null when the server could not be reached
 * @param error why not, or null
 */
public record ServerProbe(DatabaseConfig database, PgVersion version, String error) {

  public static ServerProbe of(DatabaseConfig database) {
    try {
      String text = new Database(database).serverVersion();
      Optional<PgVersion> version = PgVersion.parse(text);
      return version
          .map(v -> new ServerProbe(database, v, null))
          .orElseGet(
              () -> new ServerProbe(database, null, "the server reported version '" + text + "'"));
    } catch (LockstepException e) {
      return new ServerProbe(database, null, e.getMessage());
    } catch (RuntimeException e) {
      // The doctor reports an unreachable server as a finding, whatever the driver threw.
      return new ServerProbe(database, null, e.toString());
    }
  }

  public boolean reachable() {
    return version != null;
  }
}
