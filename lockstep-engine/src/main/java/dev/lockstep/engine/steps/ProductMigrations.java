package dev.lockstep.engine.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.history.HistoryEntry;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.history.PendingCalculator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The migrations of a product that migrates itself, as its own tool records them: which were
 * applied before this run's migration window opened, which the run applied, and what in the table
 * stops the run.
 */
final class ProductMigrations {
  /** The ids applied when the run's migration window opened, journaled so a resume keeps them. */
  static final String APPLIED_BEFORE = "migrations.appliedBefore";

  private final ReleaseManifest release;
  private final ReleaseHistory history;
  private final List<String> declared;

  ProductMigrations(Toolbox tools, ReleaseManifest release) {
    this.release = release;
    this.history = new ReleaseHistory(tools.config(), release);
    this.declared = ReleaseHistory.declaredIds(release);
  }

  MigrationHistory read() {
    return history.read();
  }

  /** Notes what is applied now; a resumed run keeps what its first try noted. */
  void markBefore(RunFacts facts) {
    if (facts.get(APPLIED_BEFORE).isEmpty()) {
      markBefore(facts, read());
    }
  }

  /** As {@link #markBefore(RunFacts)}, with the table as the caller just read it. */
  void markBefore(RunFacts facts, MigrationHistory now) {
    if (facts.get(APPLIED_BEFORE).isEmpty()) {
      facts.putJson(APPLIED_BEFORE, inTable(now));
    }
  }

  /**
   * The migrations applied since {@link #markBefore}, journaled as the run's, with their class
   * (those the release does not declare are "undeclared").
   */
  List<MigrationReport> recordApplied(RunFacts facts, MigrationHistory now) {
    Set<String> before =
        Set.copyOf(
            facts.json(APPLIED_BEFORE, new TypeReference<List<String>>() {}).orElse(List.of()));
    List<MigrationReport> applied = new ArrayList<>();
    for (String id : inTable(now)) {
      if (!before.contains(id)) {
        applied.add(new MigrationReport(id, describe(id, now), classOf(id)));
      }
    }
    return SchemaMeasure.record(facts, applied);
  }

  /**
   * What the run did, for a failure message: what it applied, and what it left failed or
   * unfinished.
   */
  String outcome(List<MigrationReport> applied, MigrationHistory now) {
    String done =
        applied.isEmpty()
            ? "It applied nothing."
            : "It applied "
                + applied.stream().map(ProductMigrations::label).collect(Collectors.joining(", "))
                + ".";
    List<String> unfinished = ReleaseHistory.unfinished(now, declared);
    if (unfinished.isEmpty()) {
      return done;
    }
    return done
        + " It left "
        + unfinished.stream()
            .map(id -> label(new MigrationReport(id, describe(id, now), classOf(id))))
            .collect(Collectors.joining(", "))
        + " failed or unfinished.";
  }

  /** The declared ids still pending. */
  List<String> pending(MigrationHistory now) {
    return PendingCalculator.compare(now, declared).pending();
  }

  /** The table's dirty states and the way out of each, or "" when it is clean. */
  static String dirty(MigrationHistory now) {
    return now.dirty().stream()
        .map(d -> d.what() + " Way out: " + d.wayOut())
        .collect(Collectors.joining("\n"));
  }

  static boolean isDirty(MigrationHistory now) {
    return !now.dirty().isEmpty();
  }

  /** Where the history is, for messages: "Prisma table public._prisma_migrations". */
  static String where(MigrationHistory now) {
    return now.format().label() + " table " + now.table();
  }

  static String label(MigrationReport migration) {
    return migration.version()
        + (migration.description().isEmpty() ? "" : " " + migration.description())
        + " ("
        + migration.type()
        + ")";
  }

  /** Declared ids the table counts as applied, then ids it has that the release does not ship. */
  private List<String> inTable(MigrationHistory now) {
    Set<String> ids = new LinkedHashSet<>(ReleaseHistory.applied(now, declared));
    ids.addAll(ReleaseHistory.unknown(now, release, declared));
    return List.copyOf(ids);
  }

  private String classOf(String id) {
    return release
        .migration(id)
        .map(MigrationScript::type)
        .map(MigrationClass::label)
        .orElse("undeclared");
  }

  /** The tool's description, or the words of the id. */
  private static String describe(String id, MigrationHistory now) {
    HistoryEntry entry = ReleaseHistory.entry(now, id);
    if (entry != null && entry.description() != null && !entry.description().equals(id)) {
      return entry.description();
    }
    return ReleaseHistory.describe(id);
  }
}
