package dev.lockstep.engine.run;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.RollbackStrategy;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides how to undo a run from facts: whether its services were touched and which migrations are
 * in the database now that the previous release did not have. The planner asks the same question
 * about a run that has not happened yet.
 */
public final class RollbackDecider {

  /**
   * The strategy and the reason for it, in words for the report.
   *
   * @param reason the reason in one line
   * @param proven what the decision rests on that was seen: the history table, the schema measured
   * @param inferred what it concludes without having seen it: a migration's declared class, whether
   *     the previous release runs on the schema
   */
  public record Decision(
      RollbackStrategy strategy, String reason, List<String> proven, List<String> inferred) {
    public Decision {
      proven = List.copyOf(proven);
      inferred = List.copyOf(inferred);
    }

    /** A decision resting on {@code reason} alone, which was seen. */
    public Decision(RollbackStrategy strategy, String reason) {
      this(strategy, reason, List.of(reason), List.of());
    }
  }

  /**
   * @param previous the release to return to, or null if nothing was installed before
   * @param leaving the release being undone; it declares the class of its migrations
   * @param appliedVersions the migration versions now applied in the database
   */
  public Decision decide(
      ReleaseManifest previous,
      ReleaseManifest leaving,
      boolean servicesTouched,
      Collection<String> appliedVersions) {
    return decide(previous, leaving, servicesTouched, appliedVersions, null);
  }

  /**
   * @param measured what the run did to the schema, measured against the schema before it; it
   *     outranks the manifest's classes, or null when it could not be measured
   */
  public Decision decide(
      ReleaseManifest previous,
      ReleaseManifest leaving,
      boolean servicesTouched,
      Collection<String> appliedVersions,
      MeasuredChange measured) {
    List<String> newMigrations = newSince(previous, appliedVersions);
    if (previous == null) {
      return servicesTouched
          ? new Decision(RollbackStrategy.STOP_SERVICES, "no release was installed before")
          : new Decision(RollbackStrategy.NOTHING_TO_UNDO, "nothing was touched");
    }
    boolean schemaChanged = measured != null && measured.changed();
    if (!servicesTouched && newMigrations.isEmpty() && !schemaChanged) {
      return new Decision(
          RollbackStrategy.NOTHING_TO_UNDO, "no service was stopped and no migration ran");
    }
    if (measured != null && measured.type() == MigrationClass.CONTRACT) {
      String seen =
          "the schema change measured is contract ("
              + String.join("; ", measured.contractReasons())
              + ")";
      String concluded = previous.version() + " cannot run on it";
      return new Decision(
          RollbackStrategy.RESTORE_BACKUP,
          seen + "; " + concluded,
          List.of(seen),
          List.of(concluded));
    }
    if (newMigrations.isEmpty() && !schemaChanged) {
      return new Decision(RollbackStrategy.REVERT_SERVICES, "no migration ran");
    }
    List<String> contract =
        newMigrations.stream()
            .filter(version -> classOf(leaving, version) != MigrationClass.EXPAND)
            .toList();
    if (!contract.isEmpty()) {
      String concluded = previous.version() + " cannot run on that schema";
      return new Decision(
          RollbackStrategy.RESTORE_BACKUP,
          "contract migration " + describe(leaving, contract) + " ran; " + concluded,
          List.of("migration " + describe(leaving, contract) + " ran (the history table says so)"),
          List.of(
              "it is contract, as the release declares (an undeclared migration is assumed"
                  + " contract): "
                  + concluded));
    }
    return new Decision(
        RollbackStrategy.REVERT_SERVICES_ON_NEW_SCHEMA,
        "only expand migrations ran (" + describe(leaving, newMigrations) + ")",
        List.of(
            "only migrations "
                + describe(leaving, newMigrations)
                + " ran (the history table says so)"),
        List.of(
            "they are expand, as the release declares: "
                + previous.version()
                + " runs on the expanded schema (its checks prove it after the revert)"));
  }

  /** Versions applied in the database that {@code previous} does not ship, in order. */
  static List<String> newSince(ReleaseManifest previous, Collection<String> appliedVersions) {
    Set<String> known =
        previous == null
            ? Set.of()
            : previous.migrations().stream()
                .map(MigrationScript::version)
                .collect(Collectors.toSet());
    return appliedVersions.stream().filter(version -> !known.contains(version)).toList();
  }

  private static MigrationClass classOf(ReleaseManifest leaving, String version) {
    // A migration the manifest does not declare is assumed to break the previous release.
    return Optional.ofNullable(leaving)
        .flatMap(release -> release.migration(version))
        .map(MigrationScript::type)
        .orElse(MigrationClass.CONTRACT);
  }

  private static String describe(ReleaseManifest leaving, List<String> versions) {
    return versions.stream()
        .map(
            version ->
                Optional.ofNullable(leaving)
                    .flatMap(release -> release.migration(version))
                    .map(script -> MigrationScript.label(version, script.description()))
                    .orElse(MigrationScript.label(version, null) + " (undeclared)"))
        .collect(Collectors.joining(", "));
  }
}
