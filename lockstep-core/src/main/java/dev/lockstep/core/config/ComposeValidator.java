package dev.lockstep.core.config;

import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.yaml.ProblemCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Checks {@code target.compose} against the target type it comes with. */
final class ComposeValidator {
  /** What Docker Compose accepts as a project name. */
  private static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  private static final String FIELD = "target.compose";

  private final ProblemCollector problems;
  private final Function<String, Path> resolver;

  ComposeValidator(ProblemCollector problems, Function<String, Path> resolver) {
    this.problems = problems;
    this.resolver = resolver;
  }

  /** The compose settings, or null when the target is not compose (or they are unusable). */
  ComposeConfig validate(TargetType type, ConfigDocument.Compose doc) {
    if (type != TargetType.COMPOSE) {
      if (doc != null) {
        problems.add(
            FIELD,
            "belongs to the compose target, but target.type is " + name(type) + ".",
            "remove target.compose, or set target.type: compose.");
      }
      return null;
    }
    if (doc == null) {
      problems.add(
          FIELD,
          "is required for the compose target.",
          "describe the compose project, e.g. compose: {project: notes, files: [compose.yaml],"
              + " pins: .env.images}.");
      return null;
    }
    project(doc.project());
    if (doc.files() == null || doc.files().isEmpty()) {
      problems.add(
          FIELD + ".files",
          "is required for the compose target.",
          "list the compose files, relative to the config's folder, e.g. files: [compose.yaml].");
    }
    problems.require(
        doc.pins(),
        FIELD + ".pins",
        "name the env file Lockstep writes the images into, e.g. pins: .env.images.");
    List<Path> envFiles = paths(doc.envFiles(), "envFiles");
    Path pins = doc.pins() == null || doc.pins().isBlank() ? null : resolver.apply(doc.pins());
    if (pins != null && envFiles.contains(pins)) {
      problems.add(
          FIELD + ".envFiles[" + envFiles.indexOf(pins) + "]",
          "is the pins file " + doc.pins() + ", which Lockstep rewrites on every install.",
          "keep your own settings in another env file; pins holds only the image variables.");
    }
    if (doc.command() != null && (doc.command().isEmpty() || doc.command().get(0).isBlank())) {
      problems.add(
          FIELD + ".command",
          "is empty.",
          "remove it for the default, or give the program, e.g. command: [docker, compose].");
    }
    if (doc.migrate() != null && doc.migrate().isBlank()) {
      problems.add(
          FIELD + ".migrate", "is blank.", "name the one-shot migrate service, or remove it.");
    }
    if (doc.migrateImage() != null) {
      if (doc.migrate() == null) {
        problems.add(
            FIELD + ".migrateImage",
            "pins the image of a migrate service, but target.compose.migrate is not set.",
            "name the one-shot migrate service in target.compose.migrate, or remove migrateImage.");
      } else if (!ComposeServiceRule.isVariable(doc.migrateImage())) {
        problems.add(
            FIELD + ".migrateImage",
            "'" + doc.migrateImage() + "' is not an environment variable name.",
            "name the variable the compose file's migrate service reads its image from, e.g."
                + " migrateImage: NOTES_MIGRATE_IMAGE.");
      }
    }
    return new ComposeConfig(
        doc.project(),
        paths(doc.files(), "files"),
        doc.profiles() == null ? List.of() : doc.profiles(),
        envFiles,
        pins,
        doc.migrate(),
        doc.migrateImage(),
        doc.command() == null ? List.of() : doc.command(),
        problems.duration(doc.waitFor(), FIELD + ".wait", ComposeConfig.DEFAULT_WAIT));
  }

  private void project(String project) {
    if (project == null || project.isBlank()) {
      problems.add(
          FIELD + ".project",
          "is required for the compose target.",
          "name the compose project (docker compose -p), e.g. project: notes.");
    } else if (!PROJECT.matcher(project).matches()) {
      problems.add(
          FIELD + ".project",
          "'" + project + "' is not a compose project name.",
          "use lower-case letters, digits, '-' and '_', starting with a letter or digit.");
    }
  }

  private List<Path> paths(List<String> names, String field) {
    if (names == null) {
      return List.of();
    }
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) == null || names.get(i).isBlank()) {
        problems.add(FIELD + "." + field + "[" + i + "]", "is blank.", "name a file or remove it.");
      }
    }
    return names.stream().filter(n -> n != null && !n.isBlank()).map(resolver).toList();
  }

  private static String name(TargetType type) {
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }
}
