package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks the validation checks of a deployment config: a request or command that can run. */
final class CheckValidator {
  private static final Set<String> HTTP_METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  private final ProblemCollector problems;
  private final String section;

  /**
   * @param section where the checks are declared: {@code checks} or {@code rehearsal.checks}
   */
  CheckValidator(ProblemCollector problems, String section) {
    this.problems = problems;
    this.section = section;
  }

  List<CheckConfig> validate(List<ConfigDocument.Check> docs) {
    if (docs == null) {
      return List.of();
    }
    List<CheckConfig> checks = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      ConfigDocument.Check doc = docs.get(i);
      String prefix = section + "[" + i + "]";
      if (doc == null) {
        problems.add(prefix, "is empty.", "give the check a name and an http or command part.");
        continue;
      }
      checks.add(check(doc, prefix));
    }
    return checks;
  }

  private CheckConfig check(ConfigDocument.Check doc, String prefix) {
    problems.require(doc.name(), prefix + ".name", "name the check, e.g. name: health.");
    if ((doc.http() == null) == (doc.command() == null)) {
      problems.add(
          prefix, "needs exactly one of http or command.", "keep one of the two in this check.");
    }
    int retries = doc.retries() == null ? 3 : doc.retries();
    if (retries < 0) {
      problems.add(prefix + ".retries", "must not be negative.", "use 0 or more.");
    }
    return new CheckConfig(
        doc.name(),
        doc.http() == null ? null : http(doc.http(), prefix + ".http"),
        doc.command() == null ? null : command(doc.command(), prefix + ".command"),
        problems.duration(doc.deadline(), prefix + ".deadline", Duration.ofSeconds(30)),
        retries,
        problems.duration(doc.interval(), prefix + ".interval", Duration.ofSeconds(1)));
  }

  private HttpCheckConfig http(ConfigDocument.Http doc, String prefix) {
    String method = doc.method() == null ? "GET" : doc.method().toUpperCase(Locale.ROOT);
    if (!HTTP_METHODS.contains(method)) {
      problems.add(
          prefix + ".method", "'" + doc.method() + "' is not an HTTP method.", "use GET or POST.");
    }
    if (problems.require(doc.url(), prefix + ".url", "give the full URL, http://host:port/path.")
        != null) {
      checkUrl(doc.url(), prefix + ".url");
    }
    int status = doc.expectStatus() == null ? 200 : doc.expectStatus();
    if (status < 100 || status > 599) {
      problems.add(prefix + ".expectStatus", status + " is not an HTTP status.", "use e.g. 200.");
    }
    return new HttpCheckConfig(
        method,
        doc.url(),
        doc.headers() == null ? Map.of() : doc.headers(),
        doc.body(),
        status,
        assertions(doc.assertions(), prefix + ".assertions"));
  }

  private List<JsonAssertion> assertions(List<String> texts, String prefix) {
    List<JsonAssertion> assertions = new ArrayList<>();
    if (texts == null) {
      return assertions;
    }
    for (int i = 0; i < texts.size(); i++) {
      Optional<JsonAssertion> assertion = JsonAssertion.parse(texts.get(i));
      if (assertion.isPresent()) {
        assertions.add(assertion.get());
      } else {
        problems.add(
            prefix + "[" + i + "]",
            "'" + texts.get(i) + "' is not an assertion.",
            "write a JSON path, an operator (== != > >= < <=) and a JSON value, such as"
                + " $.status == \"ok\" (quote text), or $.items exists.");
      }
    }
    return assertions;
  }

  private void checkUrl(String url, String field) {
    try {
      URI uri = new URI(url);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (!web || uri.getHost() == null) {
        problems.add(field, "'" + url + "' is not an http(s) URL.", "write http://host:port/path.");
      }
    } catch (URISyntaxException e) {
      problems.add(field, "'" + url + "' is not a URL: " + e.getReason() + ".", "fix the URL.");
    }
  }

  private CommandCheckConfig command(ConfigDocument.Command doc, String prefix) {
    problems.require(doc.run(), prefix + ".run", "give the shell command to run.");
    int exitCode = doc.expectExitCode() == null ? 0 : doc.expectExitCode();
    return new CommandCheckConfig(doc.run(), exitCode);
  }
}
