package dev.lockstep.engine.path;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.manifest.UpgradePath;
import dev.lockstep.core.plan.PlannedMigration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Describes each hop of an upgrade path from the manifests alone; it touches nothing. */
public final class PathPlanner {
  private final ReleaseCatalog catalog;
  private final Map<Version, ReleaseManifest> read = new HashMap<>();

  public PathPlanner(ReleaseCatalog catalog) {
    this.catalog = catalog;
  }

  /** Each manifest is read once: the path, the hops and their reasons all ask for them. */
  private ReleaseManifest manifest(Version version) {
    return read.computeIfAbsent(version, catalog::get);
  }

  /**
   * @param installed the installed release, or null (then the target is a first install, one hop)
   */
  public PathReport report(Version installed, Version to) {
    if (installed != null && to.compareTo(installed) <= 0) {
      throw new LockstepException(
          ErrorCode.NOTHING_TO_DO,
          to.equals(installed)
              ? to + " is already installed; there is no path to take."
              : to
                  + " is older than the installed "
                  + installed
                  + "; an upgrade path only goes forward. `lockstep rollback` undoes the last"
                  + " upgrade.");
    }
    List<Version> hops =
        installed == null
            ? List.of(to)
            : UpgradePath.between(catalog, this::manifest, installed, to).hops();
    List<PathReport.Hop> described = new ArrayList<>();
    ReleaseManifest previous = installed == null ? null : manifest(installed);
    for (Version version : hops) {
      ReleaseManifest release = manifest(version);
      described.add(hop(previous, release, to, hops));
      previous = release;
    }
    return new PathReport(
        installed == null ? null : installed.toString(), to.toString(), described);
  }

  private PathReport.Hop hop(
      ReleaseManifest previous, ReleaseManifest release, Version to, List<Version> hops) {
    Set<String> before =
        previous == null
            ? Set.of()
            : previous.migrations().stream()
                .map(MigrationScript::version)
                .collect(Collectors.toSet());
    List<PlannedMigration> migrations =
        release.migrations().stream()
            .filter(script -> !before.contains(script.version()))
            .map(s -> new PlannedMigration(s.version(), s.description(), s.type()))
            .toList();
    return new PathReport.Hop(
        release.version().toString(),
        why(release, to, hops),
        downtime(previous, migrations),
        migrations,
        release.notes() == null ? "" : release.notes().strip());
  }

  private String why(ReleaseManifest release, Version to, List<Version> hops) {
    if (release.version().equals(to)) {
      return "target";
    }
    if (release.stops().required()) {
      return "required stop";
    }
    int index = hops.indexOf(release.version());
    for (Version later : hops.subList(index + 1, hops.size())) {
      Version minimum = manifest(later).stops().minimumFrom();
      if (release.version().equals(minimum)) {
        return "minimumFrom of " + later;
      }
    }
    return "on the way";
  }

  private static String downtime(ReleaseManifest previous, List<PlannedMigration> migrations) {
    if (previous == null) {
      return "first install";
    }
    if (migrations.stream().anyMatch(m -> m.type() != MigrationClass.EXPAND)) {
      return "downtime; contract migrations, so a rollback restores the database";
    }
    if (!migrations.isEmpty()) {
      return "downtime; expand migrations only, so a rollback reverts the services";
    }
    return "downtime for the restart only; no migration";
  }
}
