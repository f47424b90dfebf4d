package dev.lockstep.postgres;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The PostgreSQL client programs Lockstep runs, pg_dump, pg_restore and psql, and the {@link
 * ProcessRunner} they run with (it says whose secrets to mask and where their password files go).
 * Each program is looked up the first time it is needed, so a missing psql does not stop a backup;
 * a missing program is a {@code TOOL_MISSING} error that says where Lockstep looked and what to
 * install.
 */
public final class PgTools {
  static final String CLIENT_PACKAGE = "postgresql-client";

  private final ToolLocator locator;
  private final ProcessRunner runner;
  private final Map<String, Path> resolved = new HashMap<>();

  PgTools(ToolLocator locator, ProcessRunner runner, Map<String, Path> overrides) {
    this.locator = locator;
    this.runner = Objects.requireNonNull(runner);
    this.resolved.putAll(overrides);
  }

  /**
   * Searches LOCKSTEP_PG_BIN, pg_config --bindir, the usual install folders, then the PATH; runs
   * them without a deployment's secrets (password files in the system's temporary folder).
   */
  public static PgTools find() {
    return find(ProcessRunner.standalone());
  }

  /** As {@link #find()}, run by {@code runner}: a deployment's, {@code forDeployment(config)}. */
  public static PgTools find(ProcessRunner runner) {
    return new PgTools(ToolLocator.system(), runner, Map.of());
  }

  /** What runs these programs. */
  public ProcessRunner runner() {
    return runner;
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
    return new PgTools(locator, runner, overrides);
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
