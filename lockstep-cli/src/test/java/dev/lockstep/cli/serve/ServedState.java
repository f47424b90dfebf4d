package dev.lockstep.cli.serve;

import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.report.RollbackNow;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RecordedSample;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.journal.SampleSeries;
import dev.lockstep.journal.StepStatus;
import dev.lockstep.journal.WatchRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A deployment's state folder written through the journal's own API (no product, no database), and
 * a {@link StateServer} over it on a free loopback port: an install of 1.0.0, then an upgrade to
 * 2.0.0 rolled back, one of whose steps leaked the database password into its detail; and, with
 * {@link #withWatch}, an upgrade to 1.1.0 installed and watched.
 */
final class ServedState implements AutoCloseable {
  static final String SECRET = "s3cret-<db>&'pw\"";

  /** In the path, query and user of the signals' URLs: no response may show it. */
  static final String SIGNAL_TOKEN = "sig-t0ken-4f9a";

  static final List<String> SIGNALS = List.of("errors", "queue-lag");
  static final int BASELINE_SAMPLES = 24;
  static final int WATCHED_SAMPLES = 12;
  static final List<String> UPGRADE =
      List.of("check gates", "back up", "stop services", "migrate", "start services", "validate");

  final Path folder;
  final Path configFile;
  final DeploymentConfig config;
  final Journal journal;
  final Variables environment = Variables.of(Map.of("SERVE_DB_PASSWORD", SECRET));
  final StringWriter log = new StringWriter();
  RunRecord install;
  RunRecord failed;
  RunRecord watched;
  StateSource source;
  StateServer server;
  RollbackAction rollback;

  ServedState(Path folder) throws IOException {
    this.folder = folder;
    this.configFile = folder.resolve("lockstep.yaml");
    Files.writeString(
        configFile,
        """
        environment: test
        stateDir: state
        database: {name: notes, user: notes, password: {env: SERVE_DB_PASSWORD}}
        target: {type: process}
        services:
          api: {run: [java, -jar, "{artifact}"]}
        watch:
          duration: 1h
          interval: 15s
          baseline: 30m
          signals:
            - name: errors
              kind: rate
              prometheus:
                url: 'http://prometheus.test:9090/%1$s/?token=%1$s'
                query: 'sum(rate(http_errors_total[1m]))'
            - name: queue-lag
              kind: level
              max: 30
              json: {url: 'http://ops:%1$s@ingest.test:8080/status?key=%1$s', path: $.lagSeconds}
        """
            .formatted(SIGNAL_TOKEN));
    config = new ConfigLoader(environment).load(configFile);
    Files.createDirectories(config.journalFile().getParent());
    // Ten minutes ago, so that the watch's samples since the upgrade are all in the past.
    journal =
        Journal.open(
            config.journalFile(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
    install = finishedRun(null, "1.0.0", RunStatus.SUCCEEDED, "ok");
    journal.setInstalled("1.0.0", install.id());
    failed = finishedRun("1.0.0", "2.0.0", RunStatus.ROLLED_BACK, "password " + SECRET);
  }

  /**
   * Then an upgrade to 1.1.0 that succeeded and is installed, past its point of no return (its
   * rollback is a restore), and its watch: a baseline and samples since for both signals (errors
   * tripled, the queue's lag steady under its bound), one event.
   */
  ServedState withWatch() {
    watched = finishedRun("1.0.0", "1.1.0", RunStatus.SUCCEEDED, "ok");
    journal.recordFact(
        watched.id(),
        RunFacts.ROLLBACK_NOW,
        Json.write(
            new RollbackNow(
                "restore_backup",
                "restore the backup",
                "migration 3 dropped a column (contract)",
                List.of("V3 dropped notes.legacy"),
                List.of(),
                "backup B-1",
                "B-1",
                watched.startedAt())));
    journal.setInstalled("1.1.0", watched.id());
    WatchRecord watch =
        journal.watches().start(watched.id(), "1.1.0", "1.0.0", Instant.now().plusSeconds(3000));
    Instant start = watch.startedAt();
    List<RecordedSample> samples = new ArrayList<>();
    for (int i = 0; i < BASELINE_SAMPLES; i++) {
      Instant at = start.minus(Duration.ofSeconds(15L * (BASELINE_SAMPLES - i) + 60));
      samples.add(new RecordedSample("errors", SampleSeries.BASELINE, at, 1 + 0.1 * (i % 5)));
      samples.add(new RecordedSample("queue-lag", SampleSeries.BASELINE, at, 4 + i % 3));
    }
    for (int i = 0; i < WATCHED_SAMPLES; i++) {
      Instant at = start.plus(Duration.ofSeconds(15L * (i + 1)));
      samples.add(new RecordedSample("errors", SampleSeries.WATCHED, at, 3 + 0.1 * (i % 5)));
      samples.add(new RecordedSample("queue-lag", SampleSeries.WATCHED, at, 4 + i % 3));
    }
    journal.watches().addSamples(watched.id(), samples);
    journal.watches().addEvent(watched.id(), "errors failed its first round: watching on");
    return this;
  }

  private RunRecord finishedRun(String from, String to, RunStatus status, String detail) {
    RunRecord run = journal.startRun(RunKind.UPGRADE, "test", from, to);
    journal.recordChecklist(run.id(), Phase.FORWARD, 1, UPGRADE, "{}");
    for (String step : UPGRADE) {
      int seq = journal.stepStarted(run.id(), step, Phase.FORWARD);
      journal.stepFinished(run.id(), seq, StepStatus.SUCCEEDED, detail);
    }
    journal.finishRun(run.id(), status, "upgrade to " + to + ": " + status);
    return run;
  }

  /** Starts the server, read-only, or with the rollback behind {@code token}. */
  ServedState serve(Optional<ActionToken> token) {
    source = new StateSource(() -> Deployment.open(config, EngineOptions.quiet()));
    rollback =
        token
            .map(
                t ->
                    new RollbackAction(
                        t,
                        () -> Deployment.open(config, EngineOptions.quiet()),
                        new PrintWriter(log, true)))
            .orElse(null);
    SecretRegistry secrets =
        SecretRegistry.of(config).with(token.map(t -> List.of(t.secret())).orElse(List.of()));
    server =
        StateServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            source,
            secrets,
            Optional.ofNullable(rollback),
            Set.of("localhost", "127.0.0.1"),
            Clock.systemUTC());
    return this;
  }

  String url(String path) {
    return server.uri().resolve(path).toString();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
      source.close();
    }
    journal.close();
  }
}
