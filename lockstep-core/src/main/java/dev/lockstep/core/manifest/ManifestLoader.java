package dev.lockstep.core.manifest;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Artifact.ImageArtifact;
import dev.lockstep.core.manifest.Artifact.PackageArtifact;
import dev.lockstep.core.yaml.ProblemCollector;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.core.yaml.YamlBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads a release manifest and refuses anything that is not pinned, complete and consistent. */
public final class ManifestLoader {
  private static final YamlBinder BINDER =
      new YamlBinder(ErrorCode.MANIFEST_INVALID, "release manifest");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern PINNED_IMAGE = Pattern.compile("[^@\\s]+@sha256:[0-9a-f]{64}");
  private static final Pattern FLYWAY_FILE = Pattern.compile("V([0-9][0-9_.]*)__(.+)\\.sql");

  public ReleaseManifest load(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    // Manifests are the vendor's, not the machine's: no environment variables are expanded.
    ManifestDocument doc = BINDER.read(absolute, ManifestDocument.class, Variables.of(Map.of()));
    ProblemCollector problems = new ProblemCollector(absolute, ErrorCode.MANIFEST_INVALID);
    Path baseDir = absolute.getParent();

    problems.require(doc.product(), "product", "name the product, e.g. product: notes.");
    Version version = null;
    if (problems.require(doc.version(), "version", "pin the release, e.g. version: 2.3.1.")
        != null) {
      try {
        version = Version.parse(doc.version(), absolute, "version");
      } catch (BadInputException e) {
        Problem problem = e.problems().get(0);
        problems.add(problem.field(), problem.message(), problem.fix());
      }
    }
    Map<String, Component> components = components(doc, baseDir, problems);
    Path migrationsDir =
        doc.migrations() == null || doc.migrations().location() == null
            ? null
            : baseDir.resolve(doc.migrations().location()).normalize();
    List<MigrationScript> migrations = migrations(doc.migrations(), migrationsDir, problems);
    problems.throwIfAny();
    return new ReleaseManifest(
        absolute, doc.product(), version, components, migrationsDir, migrations, doc.notes());
  }

  private static Map<String, Component> components(
      ManifestDocument doc, Path baseDir, ProblemCollector problems) {
    if (doc.components() == null || doc.components().isEmpty()) {
      problems.add("components", "is required but missing.", "list the release's components.");
      return Map.of();
    }
    Map<String, Component> components = new LinkedHashMap<>();
    doc.components()
        .forEach(
            (name, component) -> {
              Artifact artifact = artifact("components." + name, component, baseDir, problems);
              if (artifact != null) {
                components.put(name, new Component(name, artifact));
              }
            });
    return components;
  }

  private static Artifact artifact(
      String field,
      ManifestDocument.ComponentDocument doc,
      Path baseDir,
      ProblemCollector problems) {
    long kinds =
        Stream.of(
                doc == null ? null : doc.file(),
                doc == null ? null : doc.image(),
                doc == null ? null : doc.packageName())
            .filter(value -> value != null)
            .count();
    if (doc == null || kinds != 1) {
      problems.add(
          field,
          "needs exactly one artifact: file (with sha256), image (pinned by digest) or package.",
          "write e.g. file: api.jar with sha256: <64 hex digits>.");
      return null;
    }
    if (doc.file() != null) {
      String sha = doc.sha256() == null ? null : doc.sha256().toLowerCase(Locale.ROOT);
      if (sha == null || !SHA256.matcher(sha).matches()) {
        problems.add(
            field + ".sha256",
            sha == null ? "is required for a file artifact." : "'" + sha + "' is not a sha256.",
            "write the file's 64-digit sha256 (sha256sum " + doc.file() + ").");
      }
      Path path = baseDir.resolve(doc.file()).normalize();
      if (!Files.isRegularFile(path)) {
        problems.add(field + ".file", path + " does not exist.", "ship the file with the release.");
      }
      return new FileArtifact(path, sha);
    }
    if (doc.sha256() != null) {
      problems.add(field + ".sha256", "only applies to file artifacts.", "remove it.");
    }
    if (doc.image() != null) {
      if (!PINNED_IMAGE.matcher(doc.image()).matches()) {
        problems.add(
            field + ".image",
            "'" + doc.image() + "' is not pinned by digest; a tag can be moved to other bits.",
            "write the image as name@sha256:<digest>.");
      }
      return new ImageArtifact(doc.image());
    }
    if (doc.packageName().contains("@") && doc.packageName().lastIndexOf('@') > 0) {
      problems.add(
          field + ".package",
          "'" + doc.packageName() + "' carries a version; the release's version is used.",
          "write the package name only, e.g. @codebolt/server.");
    }
    return new PackageArtifact(doc.packageName());
  }

  private static List<MigrationScript> migrations(
      ManifestDocument.Migrations doc, Path dir, ProblemCollector problems) {
    if (doc == null) {
      return List.of();
    }
    if (dir == null || !Files.isDirectory(dir)) {
      problems.add(
          "migrations.location",
          dir == null ? "is required with migrations." : dir + " is not a folder.",
          "point it at the folder of the release's SQL migrations.");
      return List.of();
    }
    List<MigrationScript> scripts = new ArrayList<>();
    List<ManifestDocument.Script> declared = doc.scripts() == null ? List.of() : doc.scripts();
    for (int i = 0; i < declared.size(); i++) {
      MigrationScript script =
          script("migrations.scripts[" + i + "]", declared.get(i), dir, problems);
      if (script != null) {
        scripts.add(script);
      }
    }
    for (String undeclared : undeclaredFiles(dir, declared)) {
      problems.add(
          "migrations.scripts",
          undeclared + " is in " + dir + " but not declared, so its class is unknown.",
          "add it with class: expand or class: contract.");
    }
    return scripts;
  }

  private static MigrationScript script(
      String field, ManifestDocument.Script doc, Path dir, ProblemCollector problems) {
    if (doc == null || doc.file() == null) {
      problems.add(field + ".file", "is required.", "name the SQL file, e.g. V2__add_tags.sql.");
      return null;
    }
    Matcher name = FLYWAY_FILE.matcher(doc.file());
    if (!name.matches()) {
      problems.add(
          field + ".file",
          "'" + doc.file() + "' is not named like a versioned migration.",
          "name it V<version>__<description>.sql, e.g. V2__add_tags.sql.");
      return null;
    }
    if (!Files.isRegularFile(dir.resolve(doc.file()))) {
      problems.add(field + ".file", dir.resolve(doc.file()) + " does not exist.", "ship it.");
    }
    MigrationClass type = null;
    try {
      type = MigrationClass.valueOf(String.valueOf(doc.type()).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(
          field + ".class",
          doc.type() == null ? "is required." : "'" + doc.type() + "' is not a migration class.",
          "use expand (the previous release still works) or contract (it breaks).");
    }
    return new MigrationScript(
        name.group(1).replace('_', '.'),
        name.group(2).replace('_', ' '),
        dir.resolve(doc.file()),
        type);
  }

  private static List<String> undeclaredFiles(Path dir, List<ManifestDocument.Script> declared) {
    List<String> names = declared.stream().filter(s -> s != null).map(s -> s.file()).toList();
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".sql") && !names.contains(name))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
