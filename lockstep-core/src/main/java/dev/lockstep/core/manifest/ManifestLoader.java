package dev.lockstep.core.manifest;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Problem;
import dev.lockstep.core.api.Version;
import dev.lockstep.core.yaml.ProblemCollector;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.core.yaml.YamlBinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a release manifest and refuses anything that is not pinned, complete and consistent. */
public final class ManifestLoader {
  private static final YamlBinder BINDER =
      new YamlBinder(ErrorCode.MANIFEST_INVALID, "release manifest");

  public ReleaseManifest load(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    // Manifests are the vendor's, not the machine's: no environment variables are expanded.
    return load(absolute, BINDER.read(absolute, ManifestDocument.class, Variables.of(Map.of())));
  }

  /**
   * Loads the manifest {@code file} from {@code bytes} already read from it, so that what a caller
   * checked (its signature) is exactly what is loaded, whatever the file holds by now.
   */
  public ReleaseManifest load(Path file, byte[] bytes) {
    Path absolute = file.toAbsolutePath().normalize();
    return load(
        absolute, BINDER.read(absolute, bytes, ManifestDocument.class, Variables.of(Map.of())));
  }

  private ReleaseManifest load(Path absolute, ManifestDocument doc) {
    ProblemCollector problems = new ProblemCollector(absolute, ErrorCode.MANIFEST_INVALID);
    ConfinedFolder release = new ConfinedFolder(absolute.getParent(), "release folder");

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
    Map<String, Component> components = components(doc, release, problems);
    MigrationsReader.Migrations migrations =
        new MigrationsReader(problems, release).read(doc.migrations());
    Path schema = schemaFile(doc.migrations(), release, problems);
    List<Version> compatibleWith = compatibleWith(doc, absolute, version, problems);
    ReleaseManifest.PathRules stops = stops(doc, absolute, version, problems);
    Requirements requires = requires(doc.requires(), problems);
    Protocols protocols = new ProtocolsReader(problems).read(doc.protocols());
    problems.throwIfAny();
    return new ReleaseManifest(
        absolute,
        doc.product(),
        version,
        components,
        migrations.dir(),
        migrations.scripts(),
        doc.notes(),
        migrations.runner(),
        migrations.history(),
        schema,
        compatibleWith,
        stops,
        requires,
        protocols);
  }

  private static Requirements requires(ManifestDocument.Requires doc, ProblemCollector problems) {
    if (doc == null) {
      return Requirements.NONE;
    }
    VersionRange postgres =
        doc.postgres() == null ? null : range(doc.postgres(), "requires.postgres", problems);
    List<Requirements.Runtime> runtimes = new ArrayList<>();
    List<ManifestDocument.RuntimeRequirement> listed =
        doc.runtimes() == null ? List.of() : doc.runtimes();
    for (int i = 0; i < listed.size(); i++) {
      ManifestDocument.RuntimeRequirement runtime = listed.get(i);
      String field = "requires.runtimes[" + i + "]";
      if (runtime == null) {
        problems.add(field, "is empty.", "give its name, command and range.");
        continue;
      }
      problems.require(runtime.name(), field + ".name", "name the runtime, e.g. name: node.");
      problems.require(
          runtime.command(),
          field + ".command",
          "give the command that prints its version, e.g. command: node --version.");
      VersionRange range = range(runtime.range(), field + ".range", problems);
      runtimes.add(new Requirements.Runtime(runtime.name(), runtime.command(), range));
    }
    return new Requirements(postgres, runtimes);
  }

  private static VersionRange range(String text, String field, ProblemCollector problems) {
    return VersionRange.parse(text)
        .orElseGet(
            () -> {
              problems.add(
                  field,
                  "'" + text + "' is not a version range.",
                  "write a range as npm does, e.g. \">=18 <21\" or \"^14\".");
              return null;
            });
  }

  private static ReleaseManifest.PathRules stops(
      ManifestDocument doc, Path file, Version own, ProblemCollector problems) {
    Version minimumFrom = null;
    if (doc.minimumFrom() != null) {
      try {
        minimumFrom = Version.parse(doc.minimumFrom(), file, "minimumFrom");
        if (own != null && minimumFrom.compareTo(own) >= 0) {
          problems.add(
              "minimumFrom",
              minimumFrom + " is not older than this release " + own + ".",
              "name the oldest earlier release this one can be upgraded from directly.");
        }
      } catch (BadInputException e) {
        Problem problem = e.problems().get(0);
        problems.add(problem.field(), problem.message(), problem.fix());
      }
    }
    return new ReleaseManifest.PathRules(Boolean.TRUE.equals(doc.requiredStop()), minimumFrom);
  }

  private static List<Version> compatibleWith(
      ManifestDocument doc, Path file, Version own, ProblemCollector problems) {
    List<Version> versions = new ArrayList<>();
    List<String> listed = doc.compatibleWith() == null ? List.of() : doc.compatibleWith();
    for (int i = 0; i < listed.size(); i++) {
      String field = "compatibleWith[" + i + "]";
      try {
        Version version = Version.parse(listed.get(i), file, field);
        if (version.equals(own)) {
          problems.add(
              field,
              "names this release itself.",
              "list only the earlier releases whose nodes can serve beside this one's.");
        } else {
          versions.add(version);
        }
      } catch (BadInputException e) {
        Problem problem = e.problems().get(0);
        problems.add(problem.field(), problem.message(), problem.fix());
      }
    }
    return versions;
  }

  private static Path schemaFile(
      ManifestDocument.Migrations doc, ConfinedFolder release, ProblemCollector problems) {
    if (doc == null || doc.schema() == null) {
      return null;
    }
    Path file = release.resolve("migrations.schema", doc.schema(), problems);
    if (file != null && !Files.isRegularFile(file)) {
      problems.add(
          "migrations.schema",
          file + " does not exist.",
          "ship the schema snapshot (`lockstep release lint --schema-out`), or remove the field.");
    }
    return file;
  }

  private static Map<String, Component> components(
      ManifestDocument doc, ConfinedFolder release, ProblemCollector problems) {
    if (doc.components() == null || doc.components().isEmpty()) {
      problems.add("components", "is required but missing.", "list the release's components.");
      return Map.of();
    }
    Map<String, Component> components = new LinkedHashMap<>();
    doc.components()
        .forEach(
            (name, component) -> {
              Artifact artifact =
                  ArtifactReader.read("components." + name, component, release, problems);
              if (artifact != null) {
                components.put(name, new Component(name, artifact));
              }
            });
    return components;
  }
}
