package dev.lockstep.engine.release;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.history.HistoryFormat;
import java.util.Map;

/**
 * The tools whose migrations are programs, not SQL: {@code release import --observe} cannot run
 * them on a throwaway server without the product's runtime and code, and says so before anything
 * starts.
 */
final class CodeMigrations {
  private static final Map<HistoryFormat, String> WRITTEN_IN =
      Map.ofEntries(
          Map.entry(HistoryFormat.KNEX, "JavaScript"),
          Map.entry(HistoryFormat.SEQUELIZE, "JavaScript"),
          Map.entry(HistoryFormat.TYPEORM, "TypeScript classes"),
          Map.entry(HistoryFormat.ALEMBIC, "Python"),
          Map.entry(HistoryFormat.DJANGO, "Python"),
          Map.entry(HistoryFormat.LARAVEL, "PHP"),
          Map.entry(HistoryFormat.RAILS, "Ruby"),
          Map.entry(HistoryFormat.ECTO, "Elixir"),
          Map.entry(HistoryFormat.EF_CORE, "C#"),
          Map.entry(
              HistoryFormat.LIQUIBASE, "changesets that Liquibase interprets (XML, YAML or JSON)"));

  private CodeMigrations() {}

  /** Refuses (exit 2) a tool whose migrations are code. */
  static void refuseObserving(HistoryFormat format) {
    String language = WRITTEN_IN.get(format);
    if (language != null) {
      throw refusal(format.label() + " migrations are " + language);
    }
  }

  /** The same for one file of a tool that takes both SQL and code (goose's .go migrations). */
  static LockstepException refusal(String what) {
    return new LockstepException(
        ErrorCode.USAGE,
        "release import --observe: "
            + what
            + "; Lockstep cannot run them on a throwaway server. Declare classes by hand: leave"
            + " them contract (a rollback restores the backup), which is always safe, and declare"
            + " expand only the migrations you have seen the previous release survive (run the"
            + " product's own migrate command on a copy of the database, e.g. in staging). Whatever"
            + " they declare, an upgrade measures the schema change they make, and a contract"
            + " change makes its rollback a restore. Leave --observe out to print the list."
            + " Nothing was written.");
  }
}
