package dev.lockstep.engine.doctor;

import dev.lockstep.core.process.ProgramFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * pg_dump, pg_restore and psql are where Lockstep looks for them, and none is of an older major
 * release than the server: pg_dump refuses to dump a newer server.
 */
final class ClientProgramsCheck {
  static final String WHERE_LOOKED =
      "LOCKSTEP_PG_BIN, `pg_config --bindir`, /usr/lib/postgresql/<version>/bin, /usr/pgsql-*/bin,"
          + " /usr/local/pgsql/bin, /opt/homebrew/bin, /usr/local/bin and the PATH";

  private final ProgramFinder finder;
  private final ServerProbe server;

  ClientProgramsCheck(ProgramFinder finder, ServerProbe server) {
    this.finder = finder;
    this.server = server;
  }

  List<DoctorResult> check() {
    List<DoctorResult> results = new ArrayList<>();
    results.add(program("pg_dump", true, "it takes every backup"));
    results.add(program("pg_restore", true, "it proves every backup by restoring it"));
    results.add(
        program(
            "psql",
            false,
            "Lockstep does not run it itself, but a restore by hand and many command checks do"));
    return results;
  }

  private DoctorResult program(String name, boolean required, String why) {
    Optional<Path> found = finder.find(name);
    if (found.isEmpty()) {
      String text = "not found (looked in " + WHERE_LOOKED + "); " + why;
      return required
          ? DoctorResult.fail(name, text, install(name))
          : DoctorResult.warn(name, text, install(name));
    }
    Path path = found.get();
    Optional<PgVersion> version =
        ProgramOutput.of(path, "--version").flatMap(PgVersion::fromProgramOutput);
    if (version.isEmpty()) {
      return DoctorResult.warn(
          name,
          path + " did not say which PostgreSQL version it is (`" + name + " --version`)",
          "check that "
              + path
              + " is the "
              + name
              + " of a PostgreSQL client installation, or "
              + install(name));
    }
    String located = version.get().text() + " at " + path;
    if (!server.reachable()) {
      return DoctorResult.ok(name, located + "; the server's version is unknown (not reachable)");
    }
    PgVersion serverVersion = server.version();
    if (version.get().olderMajorThan(serverVersion)) {
      return DoctorResult.fail(
          name,
          located
              + " is older than the server ("
              + serverVersion.text()
              + "): a client program must be of the server's major release or newer",
          install(name));
    }
    return DoctorResult.ok(name, located + "; the server runs " + serverVersion.text());
  }

  /** What to install: the client of the server's major release when it is known. */
  private String install(String program) {
    if (!server.reachable()) {
      return "apt-get install postgresql-client (RHEL/Fedora: dnf install postgresql; macOS: brew"
          + " install libpq), or set LOCKSTEP_PG_BIN to the folder that holds "
          + program;
    }
    String major = server.version().major();
    return "apt-get install postgresql-client-"
        + major
        + " (RHEL/Fedora: dnf install postgresql"
        + major
        + "; macOS: brew install postgresql@"
        + major
        + "), or set LOCKSTEP_PG_BIN to the folder that holds its "
        + program;
  }
}
