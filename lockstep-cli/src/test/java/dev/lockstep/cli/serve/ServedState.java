package dev.lockstep.cli.serve;

import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.journal.Journal;
import dev.lockstep.journal.Phase;
import dev.lockstep.journal.RunKind;
import dev.lockstep.journal.RunRecord;
import dev.lockstep.journal.RunStatus;
import dev.lockstep.journal.StepStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A deployment's state folder written through the journal's own API (no product, no database), and
 * a {@link StateServer} over it on a free loopback port: an install of 1.0.0, then an upgrade to
 * 2.0.0 rolled back, one of whose steps leaked the database password into its detail.
 */
final class ServedState implements AutoCloseable {
  static final String SECRET = "s3cret-<db>&'pw\"";
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
        """);
    config = new ConfigLoader(environment).load(configFile);
    Files.createDirectories(config.journalFile().getParent());
    journal = Journal.open(config.journalFile());
    install = finishedRun(null, "1.0.0", RunStatus.SUCCEEDED, "ok");
    journal.setInstalled("1.0.0", install.id());
    failed = finishedRun("1.0.0", "2.0.0", RunStatus.ROLLED_BACK, "password " + SECRET);
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
