package dev.lockstep.history;

/**
 * The migration tools whose history tables Lockstep reads as the tools leave them.
 *
 * <p>Only some tools can leave a database in a state that blocks the next run: Flyway and Lockstep
 * (a failed row), Liquibase (a lock left held), golang-migrate (the {@code dirty} flag), Prisma (a
 * migration started and never finished), knex (a lock left held), sqlx (a row with {@code success =
 * false}) and Atlas (a revision with an error, or fewer statements applied than it has). The others
 * record a migration in the same transaction that applies it, so a failure leaves no trace in their
 * tables, and there is nothing to detect.
 */
public enum HistoryFormat {
  /** Lockstep's own runner: Flyway's layout in a table named in the config. */
  LOCKSTEP("Lockstep", null, "lockstep_schema_history"),
  FLYWAY("Flyway", null, "flyway_schema_history"),
  /** {@code databasechangelog}, with its lock table {@code databasechangeloglock}. */
  LIQUIBASE("Liquibase", null, "databasechangelog"),
  /** {@code schema_migrations(version varchar)}, as Rails (and dbmate) create it. */
  RAILS("Rails", null, "schema_migrations"),
  /** {@code schema_migrations(version bigint, dirty boolean)}: the same name as Rails. */
  GOLANG_MIGRATE("golang-migrate", null, "schema_migrations"),
  PRISMA("Prisma", null, "_prisma_migrations"),
  DJANGO("Django", null, "django_migrations"),
  /** drizzle-orm's migrator, which keeps its table in a schema of its own. */
  DRIZZLE("Drizzle", "drizzle", "__drizzle_migrations"),
  /** {@code knex_migrations(id, name, batch, migration_time)}, with {@code <table>_lock}. */
  KNEX("knex", null, "knex_migrations"),
  /** {@code migrations(id, timestamp, name)}. */
  TYPEORM("TypeORM", null, "migrations"),
  /** Sequelize's (umzug's) {@code SequelizeMeta(name)}. */
  SEQUELIZE("Sequelize", null, "SequelizeMeta"),
  /** {@code alembic_version(version_num)}: the current head(s), not a list. */
  ALEMBIC("Alembic", null, "alembic_version"),
  /** {@code migrations(id, migration, batch)}: the same name as TypeORM. */
  LARAVEL("Laravel", null, "migrations"),
  /** {@code schema_migrations(version bigint, inserted_at)}: the same name as Rails. */
  ECTO("Ecto", null, "schema_migrations"),
  /** {@code __EFMigrationsHistory(MigrationId, ProductVersion)}. */
  EF_CORE("EF Core", null, "__EFMigrationsHistory"),
  /** {@code goose_db_version(id, version_id, is_applied, tstamp)}. */
  GOOSE("goose", null, "goose_db_version"),
  DIESEL("Diesel", null, "__diesel_schema_migrations"),
  SQLX("sqlx", null, "_sqlx_migrations"),
  /** Atlas keeps its revisions table in a schema of its own, of the same name. */
  ATLAS("Atlas", "atlas_schema_revisions", "atlas_schema_revisions"),
  /** {@code schema_migrations(version varchar)}: Rails' layout, read the same way. */
  DBMATE("dbmate", null, "schema_migrations"),
  /** Sqitch's registry, in the schema {@code sqitch}: the changes deployed now. */
  SQITCH("Sqitch", "sqitch", "changes");

  private final String label;
  private final String defaultSchema;
  private final String defaultTable;

  HistoryFormat(String label, String defaultSchema, String defaultTable) {
    this.label = label;
    this.defaultSchema = defaultSchema;
    this.defaultTable = defaultTable;
  }

  /** The tool's name as its users write it, for messages. */
  public String label() {
    return label;
  }

  /** The schema the tool uses by default; null for the connection's current schema. */
  public String defaultSchema() {
    return defaultSchema;
  }

  /** The table the tool creates by default. */
  public String defaultTable() {
    return defaultTable;
  }
}
