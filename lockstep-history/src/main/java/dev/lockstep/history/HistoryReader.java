package dev.lockstep.history;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the migration history tables of common tools as the tools left them, and what in them
 * blocks the tool's next run. Only reads: it never creates, fixes or locks anything. The connection
 * stays the caller's to close.
 */
public final class HistoryReader {
  /** The name Lockstep's own history table has unless the config says otherwise. */
  public static final String LOCKSTEP_TABLE = "lockstep_schema_history";

  private final Connection connection;
  private final String lockstepTable;
  private final Catalog catalog;

  public HistoryReader(Connection connection) {
    this(connection, LOCKSTEP_TABLE);
  }

  /**
   * @param lockstepTable the name of Lockstep's own table ({@code migrations.historyTable}), which
   *     tells it apart from Flyway tables of the same layout
   */
  public HistoryReader(Connection connection, String lockstepTable) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.lockstepTable = Objects.requireNonNull(lockstepTable, "lockstepTable");
    this.catalog = new Catalog(connection);
  }

  /**
   * Every known history table in the database, in any schema, each read: by format, then table. A
   * table counts when it has a tool's default name and that tool's columns, or, for Flyway,
   * Flyway's columns under any name.
   */
  public List<MigrationHistory> detect() {
    try {
      List<MigrationHistory> found = new ArrayList<>();
      for (TableLayout table : catalog.candidates(Layouts.knownNames(lockstepTable))) {
        Optional<HistoryFormat> format = Layouts.detect(table, lockstepTable);
        if (format.isPresent()) {
          found.add(readTable(format.get(), table));
        }
      }
      found.sort(
          Comparator.comparing(MigrationHistory::format).thenComparing(MigrationHistory::table));
      return found;
    } catch (SQLException e) {
      throw failed("look for migration history tables", e);
    }
  }

  /**
   * Reads one tool's table. When the table does not exist, the history is empty: the tools create
   * it on their first run, so nothing has been applied yet.
   *
   * @param table {@code name} or {@code schema.name} (quote parts with odd characters); null for
   *     the tool's default name and schema (Lockstep's: the name given to the constructor)
   * @throws LockstepException CONFIG_INVALID when the table exists with another tool's layout
   */
  public MigrationHistory read(HistoryFormat format, String table) {
    Objects.requireNonNull(format, "format");
    TableName name = null;
    try {
      name = resolve(format, table);
      Optional<TableLayout> layout = catalog.find(name);
      if (layout.isEmpty()) {
        return new MigrationHistory(format, name.qualified(), List.of(), List.of());
      }
      if (!Layouts.fits(format, layout.get())) {
        throw notThatTool(format, layout.get());
      }
      return readTable(format, layout.get());
    } catch (SQLException e) {
      throw failed(
          "read the " + format.label() + " history table" + (name == null ? "" : " " + name), e);
    }
  }

  private MigrationHistory readTable(HistoryFormat format, TableLayout table) {
    try {
      return reader(format).read(connection, table);
    } catch (SQLException e) {
      throw failed("read the " + format.label() + " history table " + table.table(), e);
    }
  }

  private TableName resolve(HistoryFormat format, String table) throws SQLException {
    // Drizzle, Atlas and Sqitch keep their tables in a schema of their own unless told otherwise;
    // the others use the schema where unqualified names land.
    String schema =
        format.defaultSchema() != null ? format.defaultSchema() : catalog.currentSchema();
    if (table != null && !table.isBlank()) {
      return TableName.parse(table, schema);
    }
    return new TableName(
        schema, format == HistoryFormat.LOCKSTEP ? lockstepTable : format.defaultTable());
  }

  private static FormatReader reader(HistoryFormat format) {
    return switch (format) {
      case LOCKSTEP, FLYWAY -> new FlywayLayoutReader(format);
      case LIQUIBASE -> new LiquibaseReader();
      case RAILS, DBMATE -> new RailsReader(format);
      case GOLANG_MIGRATE -> new GolangMigrateReader();
      case PRISMA -> new PrismaReader();
      case DJANGO -> new DjangoReader();
      case DRIZZLE -> new DrizzleReader();
      case KNEX -> new KnexReader();
      case TYPEORM -> new TypeOrmReader();
      case SEQUELIZE -> new SequelizeReader();
      case ALEMBIC -> new AlembicReader();
      case LARAVEL -> new LaravelReader();
      case ECTO -> new EctoReader();
      case EF_CORE -> new EfCoreReader();
      case GOOSE -> new GooseReader();
      case DIESEL -> new DieselReader();
      case SQLX -> new SqlxReader();
      case ATLAS -> new AtlasReader();
      case SQITCH -> new SqitchReader();
    };
  }

  private static LockstepException notThatTool(HistoryFormat format, TableLayout table) {
    String actually =
        Layouts.whichFits(table)
            .map(f -> ", which is " + f.label() + "'s layout")
            .orElse(", which is no layout Lockstep knows");
    return new LockstepException(
        ErrorCode.CONFIG_INVALID,
        "The table "
            + table.table()
            + " has the columns "
            + table.describe()
            + actually
            + ", not "
            + format.label()
            + "'s. Fix the history format or the table name of this database in the config (or"
            + " the release manifest) so that they name the table the product's migration tool"
            + " writes.");
  }

  private static LockstepException failed(String action, SQLException e) {
    return new LockstepException(
        ErrorCode.DATABASE_UNREACHABLE,
        "Could not "
            + action
            + ": "
            + e.getMessage()
            + ". Check that the database is up and that Lockstep's database user may read the"
            + " table (GRANT SELECT on it).",
        e);
  }
}
