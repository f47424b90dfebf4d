package dev.lockstep.core.manifest;

import dev.lockstep.core.yaml.ProblemCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a release's {@code migrations} section: who runs them, where their history is kept, and
 * every migration with its declared class. Lockstep's own runner takes Flyway-named SQL files; a
 * product that migrates itself declares its migrations by the ids its tool records.
 */
final class MigrationsReader {
  private static final Pattern FLYWAY_FILE = Pattern.compile("V([0-9][0-9_.]*)__(.+)\\.sql");

  private final ProblemCollector problems;
  private final ConfinedFolder release;
  private final Set<Path> seen;

  MigrationsReader(ProblemCollector problems, ConfinedFolder release) {
    this(problems, release, new LinkedHashSet<>());
  }

  /**
   * @param seen the manifests read so far through baselines ({@link BaselineReader})
   */
  MigrationsReader(ProblemCollector problems, ConfinedFolder release, Set<Path> seen) {
    this.problems = problems;
    this.release = release;
    this.seen = seen;
  }

  /** What the section says, checked; an absent section means no migrations. */
  record Migrations(
      MigrationRunnerKind runner, Path dir, HistoryRef history, List<MigrationScript> scripts) {}

  Migrations read(ManifestDocument.Migrations doc) {
    if (doc == null) {
      return new Migrations(MigrationRunnerKind.LOCKSTEP, null, null, List.of());
    }
    MigrationRunnerKind runner = runner(doc.runner());
    Path dir =
        doc.location() == null
            ? null
            : release.resolve("migrations.location", doc.location(), problems);
    List<ManifestDocument.Script> declared = doc.scripts() == null ? List.of() : doc.scripts();
    if (doc.location() != null && dir == null) {
      return new Migrations(runner, null, null, List.of());
    }
    if (runner == MigrationRunnerKind.LOCKSTEP) {
      if (doc.baseline() != null && !doc.baseline().isNull()) {
        problems.add(
            "migrations.baseline",
            "is for a product that runs its own migrations; Lockstep's runner applies every SQL"
                + " file of migrations.location.",
            "remove it, or set migrations.runner to command or startup.");
      }
      return new Migrations(runner, dir, null, sqlScripts(declared, dir));
    }
    HistoryRef history = history(doc.history());
    BaselineReader.Inherited inherited =
        new BaselineReader(problems, release, seen).read(doc.baseline(), history);
    List<MigrationScript> scripts = new ArrayList<>(inherited.scripts());
    for (MigrationScript own : declaredIds(declared)) {
      if (scripts.stream().anyMatch(s -> s.version().equals(own.version()))) {
        problems.add(
            "migrations.scripts",
            own.version() + " is declared here and in the manifest of migrations.baseline.",
            "declare each migration once: in the release that adds it.");
      } else {
        scripts.add(own);
      }
    }
    return new Migrations(
        runner,
        dir,
        history == null
            ? null
            : new HistoryRef(history.format(), history.table(), inherited.baseline()),
        scripts);
  }

  private MigrationRunnerKind runner(String text) {
    if (text == null) {
      return MigrationRunnerKind.LOCKSTEP;
    }
    try {
      return MigrationRunnerKind.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(
          "migrations.runner",
          "'" + text + "' is not a migration runner.",
          "use lockstep (Lockstep applies the SQL files), command (the product's migrate command)"
              + " or startup (the product migrates when it starts).");
      return MigrationRunnerKind.LOCKSTEP;
    }
  }

  private HistoryRef history(ManifestDocument.History doc) {
    String fix = "write history: {format: prisma} (one of " + HistoryRef.FORMATS + ").";
    if (doc == null || doc.format() == null) {
      problems.add(
          "migrations.history",
          "is required when the product runs its own migrations: Lockstep watches that table.",
          fix);
      return null;
    }
    if (!HistoryRef.FORMATS.contains(doc.format())) {
      problems.add("migrations.history.format", "'" + doc.format() + "' is not a known tool.", fix);
    }
    return new HistoryRef(doc.format(), doc.table());
  }

  private List<MigrationScript> sqlScripts(List<ManifestDocument.Script> declared, Path dir) {
    if (declared.isEmpty() && dir == null) {
      return List.of();
    }
    if (dir == null || !Files.isDirectory(dir)) {
      problems.add(
          "migrations.location",
          dir == null ? "is required with migrations." : dir + " is not a folder.",
          "point it at the folder of the release's SQL migrations.");
      return List.of();
    }
    ConfinedFolder folder = new ConfinedFolder(dir, "migrations folder");
    List<MigrationScript> scripts = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      String field = "migrations.scripts[" + i + "]";
      MigrationScript script = sqlScript(field, declared.get(i), folder);
      if (script != null) {
        scripts.add(script);
        fields.add(field + ".file");
      }
    }
    FlywayVersions.refuseDuplicates(scripts, fields, dir, problems);
    FlywayVersions.refuseEarlierThanRollout(scripts, fields, problems);
    for (String undeclared : undeclaredFiles(dir, declared)) {
      problems.add(
          "migrations.scripts",
          undeclared + " is in " + dir + " but not declared, so its class is unknown.",
          "add it with class: expand or class: contract.");
    }
    return scripts;
  }

  private MigrationScript sqlScript(String field, ManifestDocument.Script doc, ConfinedFolder dir) {
    if (doc == null || doc.file() == null) {
      problems.add(field + ".file", "is required.", "name the SQL file, e.g. V2__add_tags.sql.");
      return null;
    }
    Path file = dir.resolve(field + ".file", doc.file(), problems);
    if (file == null) {
      return null;
    }
    // Flyway takes the version from the file's name, wherever in the folder it lies.
    Matcher name = FLYWAY_FILE.matcher(file.getFileName().toString());
    if (!name.matches()) {
      problems.add(
          field + ".file",
          "'" + doc.file() + "' is not named like a versioned migration.",
          "name it V<version>__<description>.sql, e.g. V2__add_tags.sql.");
      return null;
    }
    if (!Files.isRegularFile(file)) {
      problems.add(field + ".file", file + " does not exist.", "ship it.");
    }
    return new MigrationScript(
        name.group(1).replace('_', '.'),
        name.group(2).replace('_', ' '),
        file,
        type(field, doc),
        Boolean.TRUE.equals(doc.afterRollout()));
  }

  private List<MigrationScript> declaredIds(List<ManifestDocument.Script> declared) {
    List<MigrationScript> scripts = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      String field = "migrations.scripts[" + i + "]";
      ManifestDocument.Script doc = declared.get(i);
      if (doc != null && Boolean.TRUE.equals(doc.afterRollout())) {
        problems.add(
            field + ".afterRollout",
            "is for Lockstep's own runner: a product that migrates itself applies all of its"
                + " migrations at once.",
            "remove it, or let Lockstep apply the SQL files (migrations.runner: lockstep).");
      }
      if (doc == null || doc.id() == null || doc.id().isBlank()) {
        problems.add(
            field + ".id",
            "is required: the id the product's tool records for this migration.",
            "e.g. id: 20260315_add_foo_index.");
        continue;
      }
      scripts.add(new MigrationScript(doc.id(), doc.id(), null, type(field, doc)));
    }
    return scripts;
  }

  private MigrationClass type(String field, ManifestDocument.Script doc) {
    try {
      return MigrationClass.valueOf(String.valueOf(doc.type()).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(
          field + ".class",
          doc.type() == null ? "is required." : "'" + doc.type() + "' is not a migration class.",
          "use expand (the previous release still works) or contract (it breaks).");
      return null;
    }
  }

  /**
   * SQL files Flyway would find in {@code dir} (it looks into sub-folders too) but not declared.
   */
  private static List<String> undeclaredFiles(Path dir, List<ManifestDocument.Script> declared) {
    List<Path> names =
        declared.stream()
            .filter(script -> script != null && script.file() != null)
            .map(script -> dir.resolve(script.file()).normalize())
            .toList();
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(path -> path.getFileName().toString().endsWith(".sql") && !names.contains(path))
          .map(path -> dir.relativize(path).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
