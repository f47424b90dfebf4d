package dev.lockstep.core.config;

import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.yaml.ProblemCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks the {@code rehearsal} section: a scratch database and the installed release's services as
 * local processes, with their checks.
 */
final class RehearsalValidator {
  private final ProblemCollector problems;
  private final Function<String, Path> resolver;

  RehearsalValidator(ProblemCollector problems, Function<String, Path> resolver) {
    this.problems = problems;
    this.resolver = resolver;
  }

  RehearsalConfig validate(ConfigDocument.Rehearsal doc, DatabaseConfig database) {
    if (doc == null) {
      return null;
    }
    String scratch =
        problems.require(
            doc.database(),
            "rehearsal.database",
            "name a scratch database, e.g. notes_rehearsal; it is re-created for each rehearsal.");
    if (scratch != null && database != null && scratch.equals(database.name())) {
      problems.add(
          "rehearsal.database",
          "is the product's own database; a rehearsal would overwrite it.",
          "name a scratch database, e.g. " + database.name() + "_rehearsal.");
    }
    Map<String, ServiceConfig> services = new LinkedHashMap<>();
    if (doc.services() == null || doc.services().isEmpty()) {
      problems.add(
          "rehearsal.services",
          "is required: the installed release's services, run against the scratch database.",
          "declare them like services, with the process target's fields.");
    } else {
      TargetConfig processes = new TargetConfig(TargetType.PROCESS, "/bin/sh");
      doc.services()
          .forEach(
              (name, service) ->
                  services.put(
                      name,
                      new ServiceValidator("rehearsal.services", name, service, problems, resolver)
                          .validate(processes)));
    }
    List<CheckConfig> checks =
        new CheckValidator(problems, "rehearsal.checks").validate(doc.checks());
    return new RehearsalConfig(scratch, services, checks);
  }
}
