package dev.lockstep.history;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells the tools' tables apart by their columns. Names alone are not enough: Rails and
 * golang-migrate both call theirs {@code schema_migrations}, and Flyway's name is configurable.
 */
final class Layouts {
  static final String[] FLYWAY = {
    "installed_rank", "version", "description", "type", "script",
    "checksum", "installed_by", "installed_on", "execution_time", "success"
  };
  // Columns every Liquibase since 2.0 creates; tag and deployment_id came later and are optional.
  static final String[] LIQUIBASE = {
    "id", "author", "filename", "dateexecuted", "orderexecuted", "exectype", "md5sum", "description"
  };
  static final String[] PRISMA = {
    "id", "checksum", "finished_at", "migration_name",
    "logs", "rolled_back_at", "started_at", "applied_steps_count"
  };
  static final String[] DJANGO = {"id", "app", "name", "applied"};
  // drizzle-orm 1.x adds name and applied_at; 0.x tables have only these three.
  static final String[] DRIZZLE = {"id", "hash", "created_at"};
  static final String[] KNEX = {"id", "name", "batch", "migration_time"};
  static final String[] TYPEORM = {"id", "timestamp", "name"};
  static final String[] LARAVEL = {"id", "migration", "batch"};
  static final String[] EF_CORE = {"MigrationId", "ProductVersion"};
  static final String[] GOOSE = {"id", "version_id", "is_applied", "tstamp"};
  static final String[] DIESEL = {"version", "run_on"};
  static final String[] SQLX = {
    "version", "description", "installed_on", "success", "checksum", "execution_time"
  };
  // error_stmt, partial_hashes and operator_version came in later Atlas versions.
  static final String[] ATLAS = {
    "version",
    "description",
    "type",
    "applied",
    "total",
    "executed_at",
    "execution_time",
    "error",
    "hash"
  };
  // script_hash came with registry 1.0; the rest is in every Sqitch registry.
  static final String[] SQITCH = {"change_id", "change", "project", "committed_at"};

  private Layouts() {}

  /** The table names detection looks for, besides any table with Flyway's layout. */
  static Set<String> knownNames(String lockstepTable) {
    Set<String> names =
        Arrays.stream(HistoryFormat.values())
            .map(HistoryFormat::defaultTable)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    names.add(lockstepTable);
    return names;
  }

  /** Whether the table has the columns {@code format}'s reader needs, whatever its name. */
  static boolean fits(HistoryFormat format, TableLayout table) {
    return switch (format) {
      case LOCKSTEP, FLYWAY -> table.has(FLYWAY);
      case LIQUIBASE -> table.has(LIQUIBASE);
      case RAILS, DBMATE ->
          table.has("version") && !table.has("dirty") && textual(table.type("version"));
      case GOLANG_MIGRATE ->
          table.has("version", "dirty")
              && integral(table.type("version"))
              && table.type("dirty").equals("boolean");
      case PRISMA -> table.has(PRISMA);
      case DJANGO -> table.has(DJANGO);
      case DRIZZLE -> table.has(DRIZZLE);
      case KNEX -> table.has(KNEX);
      case TYPEORM -> table.has(TYPEORM);
      // SequelizeMeta has the one column; knex's table also has a name, but an id as well.
      case SEQUELIZE -> table.has("name") && !table.has("id");
      case ALEMBIC -> table.has("version_num");
      case LARAVEL -> table.has(LARAVEL);
      case ECTO ->
          table.has("version", "inserted_at")
              && !table.has("dirty")
              && integral(table.type("version"));
      case EF_CORE -> table.has(EF_CORE);
      case GOOSE -> table.has(GOOSE);
      case DIESEL -> table.has(DIESEL);
      case SQLX -> table.has(SQLX);
      case ATLAS -> table.has(ATLAS);
      case SQITCH -> table.has(SQITCH);
    };
  }

  /**
   * The tool that made a table found by {@link Catalog#candidates}: its default name (or, for
   * Flyway's layout, any name) and the columns that tool creates.
   */
  static Optional<HistoryFormat> detect(TableLayout table, String lockstepTable) {
    String name = table.table().name();
    if (fits(HistoryFormat.FLYWAY, table)) {
      return Optional.of(
          name.equals(lockstepTable) ? HistoryFormat.LOCKSTEP : HistoryFormat.FLYWAY);
    }
    for (HistoryFormat format : HistoryFormat.values()) {
      if (name.equals(format.defaultTable()) && fits(format, table)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** Any format whose columns the table has, to suggest in an error message. */
  static Optional<HistoryFormat> whichFits(TableLayout table) {
    return Arrays.stream(HistoryFormat.values())
        .filter(f -> f != HistoryFormat.LOCKSTEP && fits(f, table))
        .findFirst();
  }

  private static boolean textual(String type) {
    return type.startsWith("character") || type.equals("text");
  }

  private static boolean integral(String type) {
    return type.equals("bigint") || type.equals("integer");
  }
}
