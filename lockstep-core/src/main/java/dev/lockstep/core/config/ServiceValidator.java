package dev.lockstep.core.config;

import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.yaml.ProblemCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Checks one service of a deployment config against what its target needs. */
final class ServiceValidator {
  private final String name;
  private final ConfigDocument.Service doc;
  private final ProblemCollector problems;
  private final Function<String, Path> resolver;
  private final String prefix;

  /**
   * @param section where the service is declared: {@code services} or {@code rehearsal.services}
   */
  ServiceValidator(
      String section,
      String name,
      ConfigDocument.Service doc,
      ProblemCollector problems,
      Function<String, Path> resolver) {
    this.name = name;
    this.doc = doc;
    this.problems = problems;
    this.resolver = resolver;
    this.prefix = section + "." + name;
  }

  ServiceConfig validate(TargetConfig target) {
    if (target != null) {
      checkFieldsFor(target.type());
    }
    checkTemplates();
    List<String> nodes =
        doc.nodes() == null || doc.nodes().isEmpty() ? List.of("local") : doc.nodes();
    return new ServiceConfig(
        name,
        doc.component() == null ? name : doc.component(),
        nodes,
        doc.run(),
        doc.workingDir() == null ? null : resolver.apply(doc.workingDir()),
        doc.env() == null ? Map.of() : doc.env(),
        problems.duration(doc.stopTimeout(), prefix + ".stopTimeout", Duration.ofSeconds(10)),
        doc.stop(),
        doc.install(),
        doc.start(),
        doc.version(),
        ports(),
        doc.image());
  }

  /** Each a TCP port, once. */
  private List<Integer> ports() {
    if (doc.ports() == null) {
      return List.of();
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < doc.ports().size(); i++) {
      Integer port = doc.ports().get(i);
      if (port == null || port < 1 || port > 65535) {
        problems.add(
            prefix + ".ports[" + i + "]",
            "is " + port + ", not a TCP port.",
            "give the port the service listens on, from 1 to 65535.");
      } else if (!seen.add(port)) {
        problems.add(
            prefix + ".ports[" + i + "]", "lists port " + port + " twice.", "list each port once.");
      }
    }
    return doc.ports().stream().filter(p -> p != null).toList();
  }

  private void checkFieldsFor(TargetType type) {
    if (type != TargetType.COMPOSE && doc.image() != null) {
      problems.add(
          prefix + ".image",
          "belongs to the compose target, but target.type is "
              + type.name().toLowerCase(java.util.Locale.ROOT)
              + ".",
          "remove it, or set target.type: compose.");
    }
    if (type == TargetType.COMPOSE) {
      new ComposeServiceRule(prefix, doc, problems).check();
    } else if (type == TargetType.PROCESS) {
      if (doc.run() == null || doc.run().isEmpty()) {
        problems.add(
            prefix + ".run",
            "is required for the process target.",
            "give the command line as a list, e.g. run: [java, -jar, \"{artifact}\"].");
      }
      commandTemplates()
          .forEach(
              (field, value) ->
                  problems.add(
                      prefix + "." + field,
                      "belongs to the command target, but target.type is process.",
                      "remove it, or set target.type: command."));
    } else {
      requireCommand(doc.stop(), "stop", "sudo systemctl stop my-service");
      requireCommand(doc.install(), "install", "npm install -g my-package@{version}");
      requireCommand(doc.start(), "start", "sudo systemctl start my-service");
      if (doc.run() != null
          || doc.workingDir() != null
          || doc.env() != null
          || doc.ports() != null) {
        problems.add(
            prefix,
            "run, workingDir, env and ports belong to the process target, but target.type is"
                + " command.",
            "remove them, or set target.type: process.");
      }
    }
  }

  private void requireCommand(String value, String field, String example) {
    if (value == null || value.isBlank()) {
      problems.add(
          prefix + "." + field,
          "is required for the command target.",
          "give the shell command, for example: " + example + ".");
    }
  }

  private void checkTemplates() {
    Map<String, String> templates = new LinkedHashMap<>();
    if (doc.run() != null) {
      for (int i = 0; i < doc.run().size(); i++) {
        templates.put("run[" + i + "]", doc.run().get(i));
      }
    }
    templates.putAll(commandTemplates());
    templates.forEach(
        (field, template) -> {
          for (String unknown : Placeholders.unknownIn(template)) {
            problems.add(
                prefix + "." + field,
                "uses the unknown placeholder {" + unknown + "}.",
                "use one of {version}, {artifact}, {node}, {service}, {component}.");
          }
        });
  }

  /** The command-target templates that are present, by field name. */
  private Map<String, String> commandTemplates() {
    Map<String, String> templates = new LinkedHashMap<>();
    putIfPresent(templates, "stop", doc.stop());
    putIfPresent(templates, "install", doc.install());
    putIfPresent(templates, "start", doc.start());
    putIfPresent(templates, "version", doc.version());
    return templates;
  }

  private static void putIfPresent(Map<String, String> templates, String field, String value) {
    if (value != null) {
      templates.put(field, value);
    }
  }
}
