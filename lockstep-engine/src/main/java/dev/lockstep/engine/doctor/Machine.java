package dev.lockstep.engine.doctor;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.process.ProgramFinder;
import dev.lockstep.core.process.ProgramPath;
import dev.lockstep.postgres.PgServerTools;
import dev.lockstep.postgres.PgTools;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The machine as the doctor sees it: where programs are, who runs Lockstep, and what the database
 * server says. Tests give it another PATH or another user; everything else is real.
 *
 * @param path the PATH services and shell commands inherit
 * @param postgresClient finds pg_dump, pg_restore and psql where Lockstep itself looks for them
 * @param postgresServer finds initdb and pg_ctl
 * @param user the user Lockstep runs as
 * @param server asks a database server for its version
 */
public record Machine(
    ProgramPath path,
    ProgramFinder postgresClient,
    ProgramFinder postgresServer,
    String user,
    Function<DatabaseConfig, ServerProbe> server) {

  /** This machine, searched as Lockstep searches it when it runs. */
  public static Machine current() {
    PgTools client = PgTools.find();
    PgServerTools server = PgTools.findServer();
    return new Machine(
        ProgramPath.fromEnvironment(),
        program ->
            switch (program) {
              case "pg_dump" -> located(client::pgDump);
              case "pg_restore" -> located(client::pgRestore);
              case "psql" -> located(client::psql);
              default -> Optional.empty();
            },
        program ->
            switch (program) {
              case "initdb" -> located(server::initdb);
              case "pg_ctl" -> located(server::pgCtl);
              default -> Optional.empty();
            },
        System.getProperty("user.name"),
        ServerProbe::of);
  }

  /** The same machine with programs found only on {@code path}, PostgreSQL's included. */
  public Machine withPath(ProgramPath path) {
    return new Machine(path, path, path, user, server);
  }

  private static Optional<Path> located(Supplier<Path> lookup) {
    try {
      return Optional.of(lookup.get());
    } catch (LockstepException e) {
      if (e.errorCode() == ErrorCode.TOOL_MISSING) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
