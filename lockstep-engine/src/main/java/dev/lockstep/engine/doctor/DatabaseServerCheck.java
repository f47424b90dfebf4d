package dev.lockstep.engine.doctor;

import dev.lockstep.core.config.DatabaseConfig;
import java.nio.file.Path;

/** The configured database answers, and which PostgreSQL it runs. */
final class DatabaseServerCheck {
  static final String NAME = "database server";

  private final ServerProbe server;
  private final Path configFile;

  DatabaseServerCheck(ServerProbe server, Path configFile) {
    this.server = server;
    this.configFile = configFile;
  }

  DoctorResult check() {
    DatabaseConfig db = server.database();
    String where = db.host() + ":" + db.port() + ", database " + db.name() + " as " + db.user();
    if (server.reachable()) {
      return DoctorResult.ok(NAME, "PostgreSQL " + server.version().text() + " at " + where);
    }
    return DoctorResult.fail(
        NAME,
        "cannot read the server's version at " + where + ": " + server.error(),
        "start the server, or correct database.host, port, name, user or password in "
            + configFile
            + "; the checks of the client programs and of the backup's size need it too.");
  }
}
