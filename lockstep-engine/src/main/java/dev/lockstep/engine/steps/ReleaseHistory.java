package dev.lockstep.engine.steps;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.manifest.HistoryRef;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.history.AlembicRevisions;
import dev.lockstep.history.HistoryEntry;
import dev.lockstep.history.HistoryFormat;
import dev.lockstep.history.HistoryReader;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.history.PendingCalculator;
import dev.lockstep.history.PendingMigrations;
import dev.lockstep.postgres.Database;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The history table a release's migrations are recorded in, read as its tool left it: Lockstep's
 * own for a release Lockstep migrates, the product's tool's table ({@code migrations.history}) for
 * one that migrates itself. Ids are compared by the tool's rules ({@link PendingCalculator}) and
 * returned as the manifest spells them, so that they match the manifest's declarations.
 */
public final class ReleaseHistory {
  private final DeploymentConfig config;
  private final HistoryFormat format;
  private final String table;
  private final Path migrationsDir;

  public ReleaseHistory(DeploymentConfig config, ReleaseManifest release) {
    this.config = config;
    boolean product = release.runner() != MigrationRunnerKind.LOCKSTEP && release.history() != null;
    this.format = product ? format(release.history()) : HistoryFormat.LOCKSTEP;
    this.table = product ? release.history().table() : null;
    this.migrationsDir = release.migrationsDir();
  }

  /** The release's {@code migrations.baseline}; null when it has none. */
  public static String baseline(ReleaseManifest release) {
    return release == null || release.history() == null ? null : release.history().baseline();
  }

  /**
   * The ids the history records that {@code release} does not ship and that are not history from
   * before its baseline.
   */
  public static List<String> unknown(
      MigrationHistory history, ReleaseManifest release, List<String> ids) {
    return PendingCalculator.compare(history, ids, baseline(release)).unknown();
  }

  /** The tool a manifest names ({@code golang-migrate}, {@code prisma}, ...). */
  public static HistoryFormat format(HistoryRef ref) {
    try {
      return HistoryFormat.valueOf(ref.format().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new LockstepException(
          ErrorCode.MANIFEST_INVALID,
          "migrations.history.format '"
              + ref.format()
              + "' is not a tool Lockstep reads. Use one of "
              + HistoryRef.FORMATS
              + ".");
    }
  }

  /** The ids a release declares, in its order. */
  public static List<String> declaredIds(ReleaseManifest release) {
    return release == null
        ? List.of()
        : release.migrations().stream().map(MigrationScript::version).toList();
  }

  public HistoryFormat format() {
    return format;
  }

  /** The table as the manifest names it; null for the tool's default. */
  public String table() {
    return table;
  }

  /**
   * The table now; empty when it does not exist yet. Alembic's heads come with every revision they
   * descend from, followed through the release's revision files.
   */
  public MigrationHistory read() {
    try (Connection connection = new Database(config.database()).connect()) {
      MigrationHistory history =
          new HistoryReader(connection, config.migrations().historyTable()).read(format, table);
      if (format == HistoryFormat.ALEMBIC
          && migrationsDir != null
          && Files.isDirectory(migrationsDir)) {
        return AlembicRevisions.read(migrationsDir).applied(history);
      }
      return history;
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Could not read the " + format.label() + " history table: " + e.getMessage() + ".",
          e);
    }
  }

  /** Of {@code ids}, those the history counts as applied, in their order. */
  public static List<String> applied(MigrationHistory history, List<String> ids) {
    List<String> pending = PendingCalculator.compare(history, ids).pending();
    return ids.stream().filter(id -> !pending.contains(id)).distinct().toList();
  }

  /**
   * Of {@code ids}, those the history records as failed or never finished (a dirty version, a
   * failed row): what they left behind is unknown.
   */
  public static List<String> unfinished(MigrationHistory history, List<String> ids) {
    List<HistoryEntry> failed = history.applied().stream().filter(e -> !e.success()).toList();
    if (failed.isEmpty()) {
      return List.of();
    }
    List<HistoryEntry> asIfDone = new ArrayList<>();
    failed.forEach(
        e ->
            asIfDone.add(
                new HistoryEntry(
                    e.id(),
                    e.description(),
                    e.appliedAt(),
                    true,
                    e.executionTime(),
                    e.checksum(),
                    e.detail())));
    MigrationHistory pretend =
        new MigrationHistory(history.format(), history.table(), asIfDone, List.of());
    Set<String> applied = Set.copyOf(applied(history, ids));
    return applied(pretend, ids).stream()
        .filter(id -> !applied.contains(id))
        .filter(id -> failed.stream().anyMatch(e -> sameId(e.id(), id)))
        .toList();
  }

  /**
   * Every migration the database has that matters for a rollback from {@code leaving} to {@code
   * previous}: the ids of both releases it counts as applied, those it left unfinished, and any it
   * has that neither declares.
   */
  public static List<String> inDatabase(
      MigrationHistory history, ReleaseManifest previous, ReleaseManifest leaving) {
    Set<String> shipped = new LinkedHashSet<>(declaredIds(previous));
    shipped.addAll(declaredIds(leaving));
    List<String> ids = List.copyOf(shipped);
    String baseline = baseline(leaving) != null ? baseline(leaving) : baseline(previous);
    PendingMigrations compared = PendingCalculator.compare(history, ids, baseline);
    Set<String> result = new LinkedHashSet<>(applied(history, ids));
    result.addAll(unfinished(history, ids));
    result.addAll(compared.unknown());
    return List.copyOf(result);
  }

  /** The entry recording {@code id}, when the table has one row per migration. */
  public static HistoryEntry entry(MigrationHistory history, String id) {
    return history.applied().stream()
        .filter(e -> sameId(e.id(), id))
        .reduce((first, later) -> later)
        .orElse(null);
  }

  /**
   * What a migration the product's tool names does, in words: {@code 20260201_add_note} and {@code
   * 0002-add-note} are "add note"; an id that is only a number says nothing ("").
   */
  public static String describe(String id) {
    String words = id.replaceFirst("^\\d+[_-]", "").replace('_', ' ').replace('-', ' ').trim();
    return words.equals(id) && id.matches("\\d+") || words.isEmpty() ? "" : words;
  }

  /** {@code 007} and {@code 7} are one version to the tools that number their migrations. */
  static boolean sameId(String recorded, String declared) {
    if (recorded.equals(declared)) {
      return true;
    }
    return recorded.matches("\\d+")
        && declared.matches("\\d+")
        && new BigInteger(recorded).equals(new BigInteger(declared));
  }
}
