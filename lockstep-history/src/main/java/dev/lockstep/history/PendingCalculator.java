package dev.lockstep.history;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compares the migrations a release ships with what a history table says is applied, by each tool's
 * own rules:
 *
 * <ul>
 *   <li>Flyway and Lockstep: versions compare by number ({@code 2.0} is {@code 2}); a baseline row
 *       covers every version up to it; a failed row, or one Flyway later marked deleted or undone,
 *       does not count.
 *   <li>golang-migrate records only its current version: every version up to it is applied, the
 *       current one only if it is not dirty.
 *   <li>Liquibase: a shipped id is either {@code file::id::author} or just the changeset id.
 *   <li>Alembic records only its head(s): a shipped revision is applied when a head is, or when a
 *       head comes after it in the release's order ({@link AlembicRevisions} turns the heads into
 *       the full list where the release's revision files are at hand).
 *   <li>Rails, Ecto, goose, Diesel, sqlx, Atlas, dbmate and Drizzle (0.x) ids compare by number;
 *       the other tools' names as they are; an unfinished Prisma, sqlx or Atlas migration is not
 *       applied.
 * </ul>
 *
 * <p>With a baseline (the manifest's {@code migrations.baseline}), recorded migrations at or before
 * it are history from before the release's list, not unknown ones ({@link Baseline}).
 */
public final class PendingCalculator {
  private PendingCalculator() {}

  /**
   * @param shippedIds the release's migrations in its order, named as {@link HistoryEntry#id} names
   *     them for this format
   */
  public static PendingMigrations compare(MigrationHistory history, List<String> shippedIds) {
    return compare(history, shippedIds, null);
  }

  /**
   * @param baseline the last migration of the history before {@code shippedIds}; null for none
   */
  public static PendingMigrations compare(
      MigrationHistory history, List<String> shippedIds, String baseline) {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(shippedIds, "shippedIds");
    List<String> shipped = List.copyOf(new LinkedHashSet<>(shippedIds));
    PendingMigrations compared =
        switch (history.format()) {
          case FLYWAY, LOCKSTEP -> FlywayApplied.of(history.applied()).against(shipped);
          case GOLANG_MIGRATE -> currentVersion(history.applied(), shipped);
          case LIQUIBASE -> changesets(history.applied(), shipped);
          case ALEMBIC -> heads(history.applied(), shipped);
          default -> byKey(history.applied(), shipped);
        };
    return new PendingMigrations(
        compared.applied(),
        compared.pending(),
        Baseline.after(history, compared.unknown(), baseline));
  }

  /**
   * Alembic: the table holds heads. Where the release's files were at hand, the entries are already
   * every applied revision; otherwise the release's order stands for the graph.
   */
  private static PendingMigrations heads(List<HistoryEntry> entries, List<String> shipped) {
    Set<String> recorded = new LinkedHashSet<>();
    entries.forEach(e -> recorded.add(e.id()));
    int lastHead = -1;
    for (int i = 0; i < shipped.size(); i++) {
      if (recorded.contains(shipped.get(i))) {
        lastHead = i;
      }
    }
    Set<String> upToHead = new LinkedHashSet<>(shipped.subList(0, lastHead + 1));
    Set<String> shippedSet = Set.copyOf(shipped);
    return result(
        entries,
        shipped,
        id -> recorded.contains(id) || upToHead.contains(id),
        e -> shippedSet.contains(e.id()));
  }

  /** Rails, Prisma, Django, Drizzle: one row per applied migration. */
  private static PendingMigrations byKey(List<HistoryEntry> entries, List<String> shipped) {
    List<HistoryEntry> applied = entries.stream().filter(HistoryEntry::success).toList();
    Set<String> appliedKeys = keys(applied.stream().map(HistoryEntry::id).toList());
    Set<String> shippedKeys = keys(shipped);
    return result(
        applied,
        shipped,
        id -> appliedKeys.contains(MigrationIds.key(id)),
        e -> shippedKeys.contains(MigrationIds.key(e.id())));
  }

  /** golang-migrate: the table holds the current version only, not one row per migration. */
  private static PendingMigrations currentVersion(
      List<HistoryEntry> entries, List<String> shipped) {
    if (entries.isEmpty()) {
      return new PendingMigrations(List.of(), shipped, List.of());
    }
    HistoryEntry current =
        entries.stream().max((a, b) -> MigrationIds.ORDER.compare(a.id(), b.id())).orElseThrow();
    Optional<List<BigInteger>> version = MigrationIds.version(current.id());
    Set<String> shippedKeys = keys(shipped);
    List<HistoryEntry> applied = current.success() ? List.of(current) : List.of();
    return result(
        applied,
        shipped,
        id -> {
          Optional<List<BigInteger>> shippedVersion = MigrationIds.version(id);
          if (version.isEmpty() || shippedVersion.isEmpty()) {
            return current.success() && current.id().equals(id);
          }
          int order = MigrationIds.compare(shippedVersion.get(), version.get());
          return order < 0 || (order == 0 && current.success());
        },
        e -> shippedKeys.contains(MigrationIds.key(e.id())),
        List.of(current));
  }

  private static PendingMigrations changesets(List<HistoryEntry> entries, List<String> shipped) {
    List<HistoryEntry> applied = entries.stream().filter(HistoryEntry::success).toList();
    Set<String> full = new LinkedHashSet<>();
    Set<String> bare = new LinkedHashSet<>();
    for (HistoryEntry entry : applied) {
      full.add(entry.id());
      bare.add(changesetId(entry.id()));
    }
    Set<String> shippedSet = Set.copyOf(shipped);
    return result(
        applied,
        shipped,
        id -> id.contains(LiquibaseReader.SEPARATOR) ? full.contains(id) : bare.contains(id),
        e -> shippedSet.contains(e.id()) || shippedSet.contains(changesetId(e.id())));
  }

  /** {@code db/changelog.xml::7::bob} → {@code 7}. */
  static String changesetId(String fullId) {
    int first = fullId.indexOf(LiquibaseReader.SEPARATOR);
    int last = fullId.lastIndexOf(LiquibaseReader.SEPARATOR);
    if (first < 0 || first == last) {
      return fullId;
    }
    return fullId.substring(first + LiquibaseReader.SEPARATOR.length(), last);
  }

  static PendingMigrations result(
      List<HistoryEntry> applied,
      List<String> shipped,
      Predicate<String> isApplied,
      Predicate<HistoryEntry> isShipped) {
    return result(applied, shipped, isApplied, isShipped, applied);
  }

  private static PendingMigrations result(
      List<HistoryEntry> applied,
      List<String> shipped,
      Predicate<String> isApplied,
      Predicate<HistoryEntry> isShipped,
      List<HistoryEntry> recorded) {
    List<String> pending = shipped.stream().filter(isApplied.negate()).toList();
    Set<String> unknown = new LinkedHashSet<>();
    for (HistoryEntry entry : recorded) {
      if (!isShipped.test(entry)) {
        unknown.add(entry.id());
      }
    }
    return new PendingMigrations(applied, pending, new ArrayList<>(unknown));
  }

  private static Set<String> keys(List<String> ids) {
    Set<String> keys = new LinkedHashSet<>();
    ids.forEach(id -> keys.add(MigrationIds.key(id)));
    return keys;
  }
}
