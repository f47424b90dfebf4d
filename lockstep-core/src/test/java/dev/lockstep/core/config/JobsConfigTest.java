package dev.lockstep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.yaml.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jobs}: how to learn which long-running jobs run, and how long an upgrade waits. */
class JobsConfigTest {
  private static final String REST =
      """
      environment: staging
      database: {name: notes, user: notes, password: {env: DB_PASSWORD}}
      target: {type: process}
      services:
        api: {run: [java, -jar, "{artifact}"]}
      """;

  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(Variables.of(Map.of("DB_PASSWORD", "pw")));

  @Test
  void load_withoutJobs_hasNoProbe() throws IOException {
    assertThat(loader.load(write(REST)).jobs()).isNull();
  }

  @Test
  void load_httpProbe_keepsUrlPathAndWait() throws IOException {
    DeploymentConfig config =
        loader.load(
            write(
                REST
                    + "jobs:\n"
                    + "  http: {url: 'http://127.0.0.1:8081/admin/jobs', path: $.running}\n"
                    + "  wait: 10m\n"));

    assertThat(config.jobs())
        .isEqualTo(
            JobsConfig.http(
                "http://127.0.0.1:8081/admin/jobs", "$.running", Duration.ofMinutes(10)));
  }

  @Test
  void load_commandProbeWithoutWait_blocksAtOnce() throws IOException {
    DeploymentConfig config = loader.load(write(REST + "jobs: {command: ./running-jobs.sh}\n"));

    assertThat(config.jobs()).isEqualTo(JobsConfig.command("./running-jobs.sh", Duration.ZERO));
  }

  @Test
  void load_bothProbes_isRefused() throws IOException {
    Path config =
        write(REST + "jobs: {command: ./jobs.sh, http: {url: 'http://h/jobs', path: $.n}}\n");

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(config + ": jobs: has both http and command")
        .hasMessageContaining("Fix: keep one of them.")
        .satisfies(e -> assertThat(((BadInputException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void load_noProbe_isRefusedWithAnExample() throws IOException {
    Path config = write(REST + "jobs: {wait: 5m}\n");

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(config + ": jobs: declares no probe.")
        .hasMessageContaining("Fix: add http or command");
  }

  @Test
  void load_badUrlPathAndWait_areEachNamed() throws IOException {
    Path config =
        write(REST + "jobs: {http: {url: 'ftp://h/jobs', path: '$.jobs[*]'}, wait: soon}\n");

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("jobs.http.url: 'ftp://h/jobs' is not an http(s) URL.")
        .hasMessageContaining("jobs.http.path: '$.jobs[*]' is not a JSON path to one value.")
        .hasMessageContaining("jobs.wait: ");
  }

  @Test
  void load_httpWithoutPath_isRefused() throws IOException {
    Path config = write(REST + "jobs: {http: {url: 'http://127.0.0.1:8081/jobs'}}\n");

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("jobs.http.path: is required but missing.")
        .hasMessageContaining("e.g. $.running");
  }

  @Test
  void load_commandWithThePassword_isRefused() throws IOException {
    Path config =
        write(REST + "jobs: {command: \"PGPASSWORD=pw psql -tAc 'SELECT name FROM jobs'\"}\n");

    assertThatThrownBy(() -> loader.load(config))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("jobs.command: puts the database password on a command line");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("lockstep.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
