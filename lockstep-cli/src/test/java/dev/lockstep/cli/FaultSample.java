package dev.lockstep.cli;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.report.RunReport;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.StatusReport;
import dev.lockstep.examples.SampleDeployment;
import dev.lockstep.examples.TestSamples;
import dev.lockstep.postgres.ThrowawayPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A sample deployment for one fault test: its own database, ports and folder; a temporary folder of
 * its own for every Lockstep process it starts (so that a password file left behind is found and
 * attributed); a log of every command's output; and, when closed, every service stopped (and killed
 * if Lockstep lost track of it) and the folder deleted unless something failed.
 */
final class FaultSample implements AutoCloseable {
  /** How long one command may take: a shared 2-core machine under load is ten times slower. */
  static final Duration PATIENCE = Duration.ofMinutes(Long.getLong("faults.patienceMinutes", 10));

  final SampleDeployment sample;
  final ThrowawayPostgres server;
  final Path tmp;
  final Path log;
  private final Map<String, String> environment;
  private final List<Map<String, String>> others = new ArrayList<>();
  private final List<Process> started = new ArrayList<>();
  private boolean keep;
  private long lastRunMillis;

  private FaultSample(SampleDeployment sample, ThrowawayPostgres server) throws IOException {
    this.sample = sample;
    this.server = server;
    this.tmp = Files.createDirectories(sample.folder().resolve("tmp"));
    this.log = sample.folder().resolve("fault.log");
    this.environment = new HashMap<>(sample.environment());
    environment.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
  }

  static FaultSample create(ThrowawayPostgres server, String name) throws IOException {
    return new FaultSample(TestSamples.create(server, name, true), server);
  }

  /**
   * Starts the jar as an operator runs it on this deployment, with some variables changed (another
   * state folder, say); it is killed on close if it still runs.
   */
  LockstepJar.Running start(Map<String, String> overrides, String... args) {
    Map<String, String> changed = new HashMap<>(environment);
    changed.putAll(overrides);
    if (!overrides.isEmpty()) {
      others.add(changed);
    }
    LockstepJar.Running running = new LockstepJar(changed, sample.folder()).start(Map.of(), args);
    started.add(running.process);
    return running;
  }

  /** Runs the jar to its end. */
  LockstepJar.Result run(String... args) {
    return start(Map.of(), args).await(PATIENCE);
  }

  DeploymentConfig config(Map<String, String> overrides) {
    Map<String, String> changed = new HashMap<>(sample.environment());
    changed.putAll(overrides);
    return new ConfigLoader(Variables.fromEnvironment().with(changed)).load(sample.configFile());
  }

  Map<String, String> environment() {
    return environment;
  }

  int port(String variable) {
    return Integer.parseInt(environment.get(variable));
  }

  /**
   * Installs {@code releases} in turn, writing notes at each; returns their ids. The setup is not
   * what a fault test tests: an install that fails (on a loaded machine a service can miss its
   * start-up deadline) is retried once, after killing any service it left, and said so in the log.
   */
  List<Long> install(List<String> releases) {
    List<Long> notes = new ArrayList<>();
    for (String release : releases) {
      RunReport report = upgrade(release);
      if (report.exitCode() != 0) {
        String first = report.summary();
        LocalProcesses.killAll(folder(), port("NOTES_API_PORT"), port("NOTES_WORKER_PORT"));
        note("setup: install of " + release + " retried after: " + first);
        report = upgrade(release);
        if (report.exitCode() != 0) {
          throw new IllegalStateException(
              "setup: install of "
                  + release
                  + " failed twice: "
                  + first
                  + " / "
                  + report.summary());
        }
      }
      lastRunMillis = report.duration().toMillis();
      notes.add(sample.notes().write("untagged", "written at " + release, null));
      if (!release.equals("1.0.0")) {
        notes.add(sample.notes().write("tagged", "written at " + release, "x"));
      }
    }
    return notes;
  }

  private RunReport upgrade(String release) {
    try (Deployment deployment = Deployment.open(sample.config(), EngineOptions.quiet())) {
      return deployment.upgrade(Version.parse(release));
    }
  }

  /** How long the last run of {@link #install} took: this machine's speed, right now. */
  long lastRunMillis() {
    return lastRunMillis;
  }

  StatusReport status() {
    return status(sample.config());
  }

  static StatusReport status(DeploymentConfig config) {
    try (Deployment deployment = Deployment.open(config, EngineOptions.quiet())) {
      return deployment.status();
    }
  }

  DeploymentInvariants invariants() {
    return new DeploymentInvariants(sample, server, List.of(tmp));
  }

  /** Appends what a command printed to {@link #log}, for whoever reads a kept folder. */
  void record(String title, LockstepJar.Result result) {
    append("== " + title + ": exit " + result.exitCode() + "\n" + result.all() + "\n");
  }

  /** A line in the log and on the console. */
  void note(String text) {
    System.out.println("fault suite: " + folder().getFileName() + ": " + text);
    append("== " + text + "\n");
  }

  private void append(String text) {
    try {
      Files.writeString(
          log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps the folder for diagnosis. */
  void keep() {
    keep = true;
  }

  Path folder() {
    return sample.folder();
  }

  /**
   * Stops every service Lockstep knows of (for each state folder used), then kills any process
   * still serving the sample's ports; returns what cleaning up found wrong.
   */
  List<String> stopEverything() {
    List<String> wrong = new ArrayList<>();
    for (Process lockstep : started) {
      if (lockstep.isAlive()) {
        wrong.add("cleanup: Lockstep (pid " + lockstep.pid() + ") still ran; killed");
        lockstep.destroyForcibly();
        try {
          lockstep.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    List<DeploymentConfig> configs = new ArrayList<>(List.of(sample.config()));
    for (Map<String, String> other : others) {
      configs.add(config(other));
    }
    for (DeploymentConfig config : configs) {
      try (Deployment deployment = Deployment.open(config, EngineOptions.quiet())) {
        deployment.stopServices();
      } catch (RuntimeException e) {
        wrong.add("cleanup: stop services (" + config.stateDir() + "): " + e.getMessage());
      }
    }
    List<Long> strays =
        LocalProcesses.killAll(folder(), port("NOTES_API_PORT"), port("NOTES_WORKER_PORT"));
    if (!strays.isEmpty()) {
      wrong.add("cleanup: service processes still running after `stop`: " + strays);
    }
    return wrong;
  }

  @Override
  public void close() {
    List<String> wrong = stopEverything();
    if (!wrong.isEmpty()) {
      System.out.println("fault suite: " + folder() + ": " + wrong);
      keep = true;
    }
    if (keep) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder())) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temp folder is not worth failing for.
    }
  }
}
