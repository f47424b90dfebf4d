package dev.lockstep.engine.doctor;

import dev.lockstep.core.process.ProgramFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * initdb and pg_ctl, for a throwaway PostgreSQL server: {@code release lint --observe} and {@code
 * lockstep demo} start one. An upgrade never does, so a missing one is only a warning.
 */
final class ServerProgramsCheck {
  private static final String WHY =
      "only `lockstep release lint --observe` and `lockstep demo` need it (a throwaway server)";

  private final ProgramFinder finder;
  private final ServerProbe server;

  ServerProgramsCheck(ProgramFinder finder, ServerProbe server) {
    this.finder = finder;
    this.server = server;
  }

  List<DoctorResult> check() {
    return List.of(program("initdb"), program("pg_ctl"));
  }

  private DoctorResult program(String name) {
    Optional<Path> found = finder.find(name);
    if (found.isPresent()) {
      return DoctorResult.ok(name, found.get() + "; " + WHY);
    }
    String major = server.reachable() ? "-" + server.version().major() : "";
    return DoctorResult.warn(
        name,
        "not found (looked in " + ClientProgramsCheck.WHERE_LOOKED + "); " + WHY,
        "apt-get install postgresql"
            + major
            + " (RHEL/Fedora: dnf install postgresql-server), or set LOCKSTEP_PG_BIN to the folder"
            + " that holds "
            + name);
  }
}
