package dev.lockstep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.checks.CheckListener;
import dev.lockstep.checks.CheckRunner;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.report.CheckResult;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.engine.steps.RestoreBackupStep;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.engine.steps.TakenSnapshot;
import dev.lockstep.examples.NotesClient;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.journal.Installed;
import dev.lockstep.journal.Journal;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.targets.ServiceStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What must hold of the sample deployment once Lockstep says it is done, whatever happened on the
 * way: no unfinished run, the expected release installed and running (and nothing else answering on
 * its ports), its checks passing, no note lost, no scratch or stale snapshot database on the
 * server, no password file on disk. Each broken one is returned as a sentence, so that a trial
 * reports all of them at once.
 */
final class DeploymentInvariants {
  private static final Pattern PID = Pattern.compile("pid (\\d+)");
  private static final Map<String, String> PORT_VARIABLES =
      Map.of("api", "NOTES_API_PORT", "worker", "NOTES_WORKER_PORT");

  private final DeploymentConfig config;
  private final Map<String, String> environment;
  private final ThrowawayPostgres server;
  private final List<Path> tempDirs;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param tempDirs the temporary folders the Lockstep processes used, besides the state folder
   */
  DeploymentInvariants(SampleDeployment sample, ThrowawayPostgres server, List<Path> tempDirs) {
    this(sample.config(), sample.environment(), server, tempDirs);
  }

  /**
   * The sample deployment as {@code config} sees it (another state folder, say), with the ports
   * {@code environment} gives it.
   */
  DeploymentInvariants(
      DeploymentConfig config,
      Map<String, String> environment,
      ThrowawayPostgres server,
      List<Path> tempDirs) {
    this.config = config;
    this.environment = Map.copyOf(environment);
    this.server = server;
    this.tempDirs = List.copyOf(tempDirs);
  }

  /** The broken invariants, empty when the deployment is whole. */
  List<String> check(String expectedRelease, List<Long> notesBefore) {
    List<String> broken = new ArrayList<>();
    StatusReport status;
    try (Deployment deployment = Deployment.open(config, EngineOptions.quiet())) {
      status = deployment.status();
    }
    if (status.unfinished() != null) {
      broken.add(
          "run "
              + status.unfinished().runId()
              + " is still unfinished ("
              + status.currentStep()
              + ")");
    }
    if (!expectedRelease.equals(status.installed())) {
      broken.add("installed is " + status.installed() + ", expected " + expectedRelease);
    }
    for (ServiceStatus service : status.services()) {
      broken.addAll(service(service, expectedRelease));
    }
    broken.addAll(checks());
    broken.addAll(notes(notesBefore));
    broken.addAll(leftoverDatabases());
    broken.addAll(passwordFiles(config.stateDir()));
    return broken;
  }

  /** Running the release, as the one process on its port, which answers with that release. */
  private List<String> service(ServiceStatus service, String release) {
    List<String> broken = new ArrayList<>();
    ServiceStatus.NodeStatus node = service.nodes().get(0);
    if (!node.running() || !release.equals(node.version())) {
      broken.add(
          service.service()
              + ": status says running="
              + node.running()
              + " version="
              + node.version()
              + ", expected "
              + release);
    }
    int port = Integer.parseInt(environment.get(PORT_VARIABLES.get(service.service())));
    Optional<Long> recorded = pid(node.detail());
    List<Long> started = LocalProcesses.startedFor(port, config.stateDir().getParent());
    Optional<Long> listener = LocalProcesses.listener(port);
    if (started.size() > 1 || (recorded.isPresent() && !started.equals(List.of(recorded.get())))) {
      broken.add(
          service.service()
              + ": processes started for port "
              + port
              + ": "
              + started
              + ", Lockstep tracks "
              + recorded.map(String::valueOf).orElse("none")
              + " (a stray service process)");
    }
    if (listener.isPresent() && recorded.isPresent() && !listener.equals(recorded)) {
      broken.add(
          service.service()
              + ": port "
              + port
              + " is served by pid "
              + listener.get()
              + ", not by the pid Lockstep tracks ("
              + recorded.get()
              + ")");
    }
    String answered = answeredVersion(port);
    if (!release.equals(answered)) {
      broken.add(
          service.service()
              + ": GET /.status answers version "
              + answered
              + ", expected "
              + release);
    }
    return broken;
  }

  private List<String> checks() {
    List<CheckResult> results =
        CheckRunner.forDeployment(config, CheckListener.NONE).runAll(config.checks());
    return results.stream()
        .filter(result -> !result.passed())
        .map(result -> "check '" + result.name() + "' fails: " + result.message())
        .toList();
  }

  private List<String> notes(List<Long> before) {
    try {
      Set<Long> present =
          new NotesClient(Integer.parseInt(environment.get("NOTES_API_PORT")))
              .list().stream().map(NotesClient.Note::id).collect(Collectors.toSet());
      List<Long> lost = before.stream().filter(id -> !present.contains(id)).toList();
      return lost.isEmpty() ? List.of() : List.of("notes lost: " + lost);
    } catch (RuntimeException e) {
      return List.of("cannot list the notes: " + e.getMessage());
    }
  }

  /**
   * Databases the deployment's role owns besides its own: scratch restores and snapshots. Only the
   * snapshots of the run that installed the current release may stay (they make its rollback fast),
   * and the databases a restoring rollback kept aside, each recorded in the journal before it was
   * renamed; never what a swap replaced under the snapshot's name.
   */
  private List<String> leftoverDatabases() {
    String kept = null;
    java.util.Set<String> keptAside = new java.util.HashSet<>();
    if (Files.exists(config.journalFile())) {
      try (Journal journal = Journal.open(config.journalFile())) {
        kept = journal.installed().map(Installed::runId).map(TakenSnapshot::prefixOf).orElse(null);
        for (var run : journal.runs()) {
          String json = journal.facts(run.id()).get(RunFacts.KEPT_DATABASES);
          if (json != null) {
            dev.lockstep.core.io.Json.read(json, RestoreBackupStep.KEPT_LIST)
                .forEach(database -> keptAside.add(database.kept()));
          }
        }
      }
    }
    List<String> left = new ArrayList<>();
    String sql =
        "SELECT d.datname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba"
            + " WHERE r.rolname = ? AND d.datname <> ? ORDER BY 1";
    try (Connection connection = new Database(server.database("postgres")).connect();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, config.database().user());
      query.setString(2, config.database().name());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String name = rows.getString(1);
          boolean keptSnapshot =
              kept != null && name.startsWith(kept) && !TakenSnapshot.isReplaced(name);
          if (!keptSnapshot && !keptAside.contains(name)) {
            left.add(name);
          }
        }
      }
    } catch (SQLException e) {
      return List.of("cannot list the databases: " + e.getMessage());
    }
    return left.isEmpty() ? List.of() : List.of("databases left on the server: " + left);
  }

  private List<String> passwordFiles(Path stateDir) {
    List<Path> found = new ArrayList<>();
    List<Path> roots = new ArrayList<>(tempDirs);
    roots.add(stateDir);
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(f -> f.getFileName().toString().endsWith(".pgpass")).forEach(found::add);
      } catch (IOException e) {
        return List.of("cannot look for password files in " + root + ": " + e.getMessage());
      }
    }
    return found.isEmpty() ? List.of() : List.of("password files left: " + found);
  }

  private String answeredVersion(int port) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/.status"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = Json.read(response.body(), JsonNode.class);
      return body.path("version").asText("(none)");
    } catch (IOException | RuntimeException e) {
      return "(no answer: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }

  private static Optional<Long> pid(String detail) {
    if (detail == null) {
      return Optional.empty();
    }
    Matcher matcher = PID.matcher(detail);
    return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
  }
}
