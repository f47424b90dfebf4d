package dev.lockstep.engine.migrations;

import dev.lockstep.core.report.MigrationReport;
import java.time.Instant;
import java.util.List;

/**
 * {@code lockstep migrations}: every migration history table in the product's database as its tool
 * left it, what a release would still apply, and what one run applied.
 *
 * @param release the release pending migrations are counted for: the one asked for, or the
 *     installed one; null when neither is known
 * @param installed whether {@code release} is the installed release
 * @param runner who applies that release's migrations: {@code lockstep}, {@code command} or {@code
 *     startup}; null without a release
 * @param tables every history table found, by format then table
 * @param pending null without a release
 * @param run null unless a run was asked for
 * @param notChecked why the database was not read (then {@code tables} is empty and {@code pending}
 *     null, both unknown), or null when it was
 */
public record MigrationsReport(
    String environment,
    String release,
    boolean installed,
    String runner,
    List<HistoryTable> tables,
    Pending pending,
    RunMigrations run,
    String notChecked) {

  public MigrationsReport {
    tables = List.copyOf(tables);
  }

  /** A report of a database that was read. */
  public MigrationsReport(
      String environment,
      String release,
      boolean installed,
      String runner,
      List<HistoryTable> tables,
      Pending pending,
      RunMigrations run) {
    this(environment, release, installed, runner, tables, pending, run, null);
  }

  /**
   * One tool's history table.
   *
   * @param format the tool as a manifest names it ({@code prisma}, {@code golang-migrate}, ...)
   * @param tool the tool as its users write it ({@code Prisma}, {@code golang-migrate}, ...)
   * @param table schema-qualified
   * @param applied every recorded migration, failed ones included, in the order applied
   * @param dirty what blocks the tool's next run, each with its way out
   */
  public record HistoryTable(
      String format, String tool, String table, List<Applied> applied, List<Dirty> dirty) {
    public HistoryTable {
      applied = List.copyOf(applied);
      dirty = List.copyOf(dirty);
    }
  }

  /**
   * One recorded migration.
   *
   * @param description null where the tool records none
   * @param appliedAt null where the tool records no time
   * @param success false for a migration that failed or never finished
   */
  public record Applied(String id, String description, Instant appliedAt, boolean success) {}

  /** A state that blocks the tool's next run, and how to get out of it. */
  public record Dirty(String what, String wayOut) {}

  /**
   * What {@code release} ships that its history table does not have.
   *
   * @param format where that release's migrations are recorded, as {@link HistoryTable#format}
   * @param migrations the pending ones, in the release's order
   * @param unknown ids the table has that the release does not ship
   */
  public record Pending(
      String format,
      String tool,
      String table,
      List<PendingMigration> migrations,
      List<String> unknown) {
    public Pending {
      migrations = List.copyOf(migrations);
      unknown = List.copyOf(unknown);
    }
  }

  /**
   * @param type the declared class: {@code expand} or {@code contract}
   */
  public record PendingMigration(String id, String description, String type) {}

  /**
   * The migrations one run applied, as it journaled them.
   *
   * @param kind {@code upgrade}, {@code rollback}, ...
   * @param from the release installed when it started; null for a first install
   */
  public record RunMigrations(
      String runId,
      String kind,
      String from,
      String to,
      String status,
      List<MigrationReport> applied) {
    public RunMigrations {
      applied = List.copyOf(applied);
    }
  }
}
