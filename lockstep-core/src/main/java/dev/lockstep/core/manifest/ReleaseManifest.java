package dev.lockstep.core.manifest;

import dev.lockstep.core.api.Version;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the vendor publishes for one release: its pinned version, the immutable artifact of every
 * component, and its migrations with their class.
 *
 * @param file the manifest file; relative paths inside it are resolved against its folder
 * @param migrationsDir the folder of SQL migrations applied in version order (may be null)
 * @param runner who applies the migrations
 * @param history where a product that migrates itself records them (null for Lockstep's runner)
 * @param schemaFile the schema snapshot after this release's migrations, if the vendor ships one
 * @param compatibleWith the releases whose nodes can serve beside this release's nodes, on the same
 *     database, while a rolling upgrade replaces them one by one (the vendor's word on its
 *     protocol); empty when it makes no such promise
 * @param stops how this release may be reached on the way from older ones
 * @param requires what it needs of the machine, checked before an upgrade
 * @param protocols the client protocol versions it serves and the extension protocol it offers
 */
public record ReleaseManifest(
    Path file,
    String product,
    Version version,
    Map<String, Component> components,
    Path migrationsDir,
    List<MigrationScript> migrations,
    String notes,
    MigrationRunnerKind runner,
    HistoryRef history,
    Path schemaFile,
    List<Version> compatibleWith,
    PathRules stops,
    Requirements requires,
    Protocols protocols) {

  public ReleaseManifest {
    components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    migrations = List.copyOf(migrations);
    compatibleWith = compatibleWith == null ? List.of() : List.copyOf(compatibleWith);
    stops = stops == null ? PathRules.NONE : stops;
    requires = requires == null ? Requirements.NONE : requires;
    protocols = protocols == null ? Protocols.NONE : protocols;
  }

  /** A release that says nothing of the protocols it speaks. */
  public ReleaseManifest(
      Path file,
      String product,
      Version version,
      Map<String, Component> components,
      Path migrationsDir,
      List<MigrationScript> migrations,
      String notes,
      MigrationRunnerKind runner,
      HistoryRef history,
      Path schemaFile,
      List<Version> compatibleWith,
      PathRules stops,
      Requirements requires) {
    this(
        file,
        product,
        version,
        components,
        migrationsDir,
        migrations,
        notes,
        runner,
        history,
        schemaFile,
        compatibleWith,
        stops,
        requires,
        Protocols.NONE);
  }

  /**
   * The vendor's rules for the way to this release.
   *
   * @param required every upgrade from an older release to a newer one must stop here (install this
   *     release, then go on), as GitLab's required stops
   * @param minimumFrom the oldest release this one can be reached from directly, or null
   */
  public record PathRules(boolean required, Version minimumFrom) {
    public static final PathRules NONE = new PathRules(false, null);
  }

  /** A release that makes no promise of compatibility with others. */
  public ReleaseManifest(
      Path file,
      String product,
      Version version,
      Map<String, Component> components,
      Path migrationsDir,
      List<MigrationScript> migrations,
      String notes,
      MigrationRunnerKind runner,
      HistoryRef history,
      Path schemaFile) {
    this(
        file,
        product,
        version,
        components,
        migrationsDir,
        migrations,
        notes,
        runner,
        history,
        schemaFile,
        List.of(),
        PathRules.NONE,
        Requirements.NONE);
  }

  /** A release whose migrations Lockstep applies itself, as most tests build one. */
  public ReleaseManifest(
      Path file,
      String product,
      Version version,
      Map<String, Component> components,
      Path migrationsDir,
      List<MigrationScript> migrations,
      String notes) {
    this(
        file,
        product,
        version,
        components,
        migrationsDir,
        migrations,
        notes,
        MigrationRunnerKind.LOCKSTEP,
        null,
        null);
  }

  /** Whether the vendor says nodes of {@code other} can serve beside this release's nodes. */
  public boolean compatibleWith(Version other) {
    return compatibleWith.contains(other);
  }

  public Optional<Component> component(String name) {
    return Optional.ofNullable(components.get(name));
  }

  /** The migrations a rolling upgrade holds back until every node runs this release. */
  public List<MigrationScript> afterRollout() {
    return migrations.stream().filter(MigrationScript::afterRollout).toList();
  }

  /**
   * The highest version applied before the rollout, when some are held back until after it (the
   * Flyway target of the first of the two applications); empty when none is held back.
   */
  public Optional<String> lastBeforeRollout() {
    if (afterRollout().isEmpty()) {
      return Optional.empty();
    }
    return migrations.stream()
        .filter(m -> !m.afterRollout())
        .map(MigrationScript::version)
        .max(FlywayVersions::compare);
  }

  /** The migration declared for a Flyway version, such as {@code 2} for {@code V2__x.sql}. */
  public Optional<MigrationScript> migration(String migrationVersion) {
    return migrations.stream().filter(m -> m.version().equals(migrationVersion)).findFirst();
  }
}
