package dev.lockstep.postgres;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL server programs, needed only to run a throwaway server (tests, {@code lockstep
 * demo}). Each is looked up the first time it is needed.
 */
public final class PgServerTools {
  static final String SERVER_PACKAGE = "postgresql";

  private final ToolLocator locator;
  private Path initdb;
  private Path pgCtl;

  PgServerTools(ToolLocator locator) {
    this.locator = locator;
  }

  public synchronized Path initdb() {
    if (initdb == null) {
      initdb = locator.find("initdb", SERVER_PACKAGE);
    }
    return initdb;
  }

  /** pg_ctl, from the same folder as initdb when it is there, so that their versions agree. */
  public synchronized Path pgCtl() {
    if (pgCtl == null) {
      Path sibling = initdb().resolveSibling("pg_ctl");
      pgCtl = Files.isExecutable(sibling) ? sibling : locator.find("pg_ctl", SERVER_PACKAGE);
    }
    return pgCtl;
  }
}
