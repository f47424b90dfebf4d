package dev.lockstep.core.config;

import java.time.Duration;

/**
 * How to learn which long-running jobs (exports, imports, reindexing) the product is running, so an
 * upgrade does not cut them off: an HTTP endpoint and the JSON path of the count or the list of
 * jobs in its answer, or a shell command printing one running job per line.
 *
 * @param url the endpoint asked with GET; null when {@code command} is the probe
 * @param path the JSON path, in {@code url}'s answer, of a number (how many jobs run) or an array
 *     (the jobs themselves)
 * @param command a shell command run in the config's folder; null when {@code url} is the probe
 * @param waitLimit ({@code wait} in YAML) how long an upgrade waits for running jobs to finish
 *     before it blocks; zero blocks at once
 */
public record JobsConfig(String url, String path, String command, Duration waitLimit) {

  public JobsConfig {
    waitLimit = waitLimit == null ? Duration.ZERO : waitLimit;
  }

  public static JobsConfig http(String url, String path, Duration waitLimit) {
    return new JobsConfig(url, path, null, waitLimit);
  }

  public static JobsConfig command(String command, Duration waitLimit) {
    return new JobsConfig(null, null, command, waitLimit);
  }

  /** What the probe is, as messages name it: the URL and path, or the command. */
  public String describe() {
    return url != null ? "GET " + url + " " + path : "`" + command + "`";
  }
}
