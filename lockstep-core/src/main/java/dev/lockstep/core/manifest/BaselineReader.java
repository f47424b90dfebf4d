package dev.lockstep.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.yaml.ProblemCollector;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.core.yaml.YamlBinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code migrations.baseline}: where the migrations a manifest lists start. Either the id of
 * the last migration before them ({@code baseline: 20240101120000_init.js}), or the previous
 * release's manifest ({@code baseline: {manifest: previous/lockstep-release.yaml}}), whose
 * migrations, and baseline, this release inherits. Only that manifest's {@code migrations} section
 * is read: its components are the previous release's business.
 */
final class BaselineReader {
  private static final YamlBinder BINDER =
      new YamlBinder(ErrorCode.MANIFEST_INVALID, "release manifest");
  private static final String FIX =
      "write baseline: <the id of the last migration before this list>, or baseline: {manifest:"
          + " <the previous release's manifest, inside the release folder>}.";

  /** What the baseline gives: its id (null for none) and the migrations inherited with it. */
  record Inherited(String baseline, List<MigrationScript> scripts) {}

  private final ProblemCollector problems;
  private final ConfinedFolder release;
  private final Set<Path> seen;

  /**
   * @param seen the manifests read so far in this chain, to refuse a manifest that inherits from
   *     itself
   */
  BaselineReader(ProblemCollector problems, ConfinedFolder release, Set<Path> seen) {
    this.problems = problems;
    this.release = release;
    this.seen = seen;
  }

  Inherited read(JsonNode node, HistoryRef history) {
    if (node == null || node.isNull()) {
      return new Inherited(null, List.of());
    }
    if (node.isTextual() || node.isNumber()) {
      String id = node.asText().trim();
      if (id.isEmpty()) {
        problems.add("migrations.baseline", "is empty.", FIX);
        return new Inherited(null, List.of());
      }
      return new Inherited(id, List.of());
    }
    JsonNode manifest = node.get("manifest");
    if (!node.isObject() || node.size() != 1 || manifest == null || !manifest.isTextual()) {
      problems.add("migrations.baseline", "is neither an id nor {manifest: <file>}.", FIX);
      return new Inherited(null, List.of());
    }
    return inherit(manifest.asText(), history);
  }

  private Inherited inherit(String written, HistoryRef history) {
    String field = "migrations.baseline.manifest";
    Path file = release.resolve(field, written, problems);
    if (file == null) {
      return new Inherited(null, List.of());
    }
    if (!Files.isRegularFile(file)) {
      problems.add(field, file + " does not exist.", "ship the previous release's manifest there.");
      return new Inherited(null, List.of());
    }
    Path absolute = file.toAbsolutePath().normalize();
    if (!seen.add(absolute)) {
      problems.add(
          field,
          absolute + " inherits from itself through its baselines.",
          "point the oldest manifest's baseline at an id, not at a manifest.");
      return new Inherited(null, List.of());
    }
    ManifestDocument previous =
        BINDER.read(absolute, ManifestDocument.class, Variables.of(Map.of()));
    ProblemCollector previousProblems = new ProblemCollector(absolute, ErrorCode.MANIFEST_INVALID);
    MigrationsReader.Migrations migrations =
        new MigrationsReader(
                previousProblems,
                new ConfinedFolder(absolute.getParent(), "release folder"),
                new LinkedHashSet<>(seen))
            .read(previous.migrations());
    previousProblems.throwIfAny();
    HistoryRef previousHistory = migrations.history();
    if (previousHistory == null || history == null) {
      problems.add(
          field,
          absolute + " has no migrations.history.",
          "inherit from a manifest whose product runs its own migrations with the same tool.");
      return new Inherited(null, List.of());
    }
    if (!previousHistory.format().equals(history.format())) {
      problems.add(
          field,
          absolute
              + " records its migrations with "
              + previousHistory.format()
              + ", not "
              + history.format()
              + ".",
          "inherit from the previous release of the same product.");
      return new Inherited(null, List.of());
    }
    return new Inherited(previousHistory.baseline(), migrations.scripts());
  }
}
