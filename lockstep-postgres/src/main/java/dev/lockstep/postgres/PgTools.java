package dev.lockstep.postgres;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The PostgreSQL client programs Lockstep runs: pg_dump, pg_restore and psql. Each is looked up the
 * first time it is needed, so a missing psql does not stop a backup; a missing program is a {@code
 * TOOL_MISSING} error that says where Lockstep looked and what to install.
 */
public final class PgTools {
  static final String CLIENT_PACKAGE = "postgresql-client";

  private final ToolLocator locator;
  private final Map<String, Path> resolved = new HashMap<>();

  PgTools(ToolLocator locator, Map<String, Path> overrides) {
    this.locator = locator;
    this.resolved.putAll(overrides);
  }

  /** Searches LOCKSTEP_PG_BIN, pg_config --bindir, the usual install folders, then the PATH. */
  public static PgTools find() {
    return new PgTools(ToolLocator.system(), Map.of());
  }

  /** The server programs (initdb, pg_ctl), searched the same way. */
  public static PgServerTools findServer() {
    return new PgServerTools(ToolLocator.system());
  }

  /** The server programs, searched in the same folders as these client programs. */
  public PgServerTools serverTools() {
    return new PgServerTools(locator);
  }

  /**
   * The same tools, with {@code program} (such as {@code "pg_dump"}) taken from {@code executable}
   * instead of searched, for a tool path given in configuration or a stand-in used by tests.
   */
  public PgTools with(String program, Path executable) {
    Map<String, Path> overrides;
    synchronized (this) {
      overrides = new HashMap<>(resolved);
    }
    overrides.put(Objects.requireNonNull(program), Objects.requireNonNull(executable));
    return new PgTools(locator, overrides);
  }

  public Path pgDump() {
    return tool("pg_dump");
  }

  public Path pgRestore() {
    return tool("pg_restore");
  }

  public Path psql() {
    return tool("psql");
  }

  private synchronized Path tool(String program) {
    Path path = resolved.computeIfAbsent(program, p -> locator.find(p, CLIENT_PACKAGE));
    if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
      throw new LockstepException(
          ErrorCode.TOOL_MISSING,
          program
              + " was set to "
              + path
              + ", which is not an executable file. Fix: point it at the "
              + program
              + " program of a PostgreSQL client installation.");
    }
    return path;
  }
}
