package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;

/**
 * Checks the {@code extensions} section: exactly one source, an HTTP endpoint with the JSON path of
 * the list or a command printing it, and the policy.
 */
final class ExtensionsValidator {
  private static final String FIELD = "extensions";
  private static final String EXAMPLE =
      "e.g. extensions: {http: {url: 'http://127.0.0.1:8081/admin/extensions', path:"
          + " $.installed}} or extensions: {command: ./list-extensions.sh}";

  private final ProblemCollector problems;
  private final ProbeRules rules;

  ExtensionsValidator(ProblemCollector problems) {
    this.problems = problems;
    this.rules = new ProbeRules(problems);
  }

  ExtensionsConfig validate(ConfigDocument.Extensions doc) {
    if (doc == null) {
      return null;
    }
    GatePolicy policy = rules.policy(doc.policy(), FIELD + ".policy");
    boolean command = doc.command() != null;
    if (doc.http() != null && command) {
      problems.add(
          FIELD,
          "has both http and command; Lockstep would not know which one to believe.",
          "keep one of them.");
      return null;
    }
    if (command) {
      if (doc.command().isBlank()) {
        problems.add(
            FIELD + ".command",
            "is empty.",
            "give a shell command printing the installed extensions as JSON, [{\"name\": …,"
                + " \"protocols\": \">=2 <4\"}].");
      }
      return ExtensionsConfig.command(doc.command(), policy);
    }
    if (doc.http() == null) {
      problems.add(FIELD, "declares no source.", "add http or command, " + EXAMPLE + ".");
      return null;
    }
    String url =
        rules.url(
            doc.http().url(),
            FIELD + ".http.url",
            "the endpoint listing installed extensions, http://host:port/path");
    String path = rules.path(doc.http().path(), FIELD + ".http.path", "$.installed");
    return ExtensionsConfig.http(url, path, policy);
  }
}
