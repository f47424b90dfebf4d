package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Checks the {@code jobs} section: exactly one probe, an http(s) URL with a JSON path to one value,
 * or a command; and how long an upgrade waits for the jobs it finds.
 */
final class JobsValidator {
  private static final String FIELD = "jobs";
  private static final String EXAMPLE =
      "e.g. jobs: {http: {url: 'http://127.0.0.1:8081/admin/jobs', path: $.running}} or jobs:"
          + " {command: ./list-running-jobs.sh}";

  private final ProblemCollector problems;

  JobsValidator(ProblemCollector problems) {
    this.problems = problems;
  }

  JobsConfig validate(ConfigDocument.Jobs doc) {
    if (doc == null) {
      return null;
    }
    Duration wait = problems.duration(doc.waitFor(), FIELD + ".wait", Duration.ZERO);
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
            "give a shell command printing one running job per line, and nothing when none"
                + " runs.");
      }
      return JobsConfig.command(doc.command(), wait);
    }
    if (doc.http() == null) {
      problems.add(FIELD, "declares no probe.", "add http or command, " + EXAMPLE + ".");
      return null;
    }
    String url =
        problems.require(
            doc.http().url(),
            FIELD + ".http.url",
            "give the full URL of the endpoint listing running jobs, http://host:port/path.");
    if (url != null) {
      checkUrl(url, FIELD + ".http.url");
    }
    String path = doc.http().path();
    if (path == null) {
      problems.add(
          FIELD + ".http.path",
          "is required but missing.",
          "give the JSON path of the running jobs' count or list in the answer, e.g. $.running.");
    } else if (JsonPathPointer.of(path).isEmpty()) {
      problems.add(
          FIELD + ".http.path",
          "'" + path + "' is not a JSON path to one value.",
          "start it at the document's root and name each step, e.g. $.running, $.jobs.active"
              + " or $.queues[0].running.");
    }
    return JobsConfig.http(url, path, wait);
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
}
