package dev.lockstep.examples;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.run.CrashPoints;
import dev.lockstep.postgres.testing.PostgresExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * One sample deployment on the tests' shared PostgreSQL server, with its own database, folder and
 * ports, and Lockstep opened on it. Closing stops its services and removes its folder.
 */
final class SampleRun implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  final SampleDeployment sample;
  Deployment deployment;

  SampleRun() {
    this.sample =
        TestSamples.create(
            PostgresExtension.server(),
            "notes_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet(),
            false);
    this.deployment = Deployment.open(sample.config(), EngineOptions.quiet());
  }

  /** Reopens Lockstep on the same deployment with {@code checksYaml} added to its checks. */
  void addChecks(String checksYaml) {
    reconfigure(
        config -> config.replace("\nbackup:", "\n" + checksYaml + "\nbackup:"), RunListener.NONE);
  }

  /**
   * Reopens Lockstep on the same deployment with its config edited by {@code edit}, telling {@code
   * listener} what runs do.
   */
  void reconfigure(UnaryOperator<String> edit, RunListener listener) {
    try {
      Path file = changedConfig();
      Files.writeString(file, edit.apply(Files.readString(sample.configFile())));
      DeploymentConfig config =
          new ConfigLoader(Variables.fromEnvironment().with(sample.environment())).load(file);
      deployment.close();
      deployment =
          Deployment.open(
              config,
              new EngineOptions(listener, Progress.NONE, Clock.systemUTC(), CrashPoints.none()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The config file Lockstep reads now: the sample's, or the one {@link #reconfigure} wrote. */
  Path configFile() {
    return Files.exists(changedConfig()) ? changedConfig() : sample.configFile();
  }

  private Path changedConfig() {
    return sample.folder().resolve("lockstep-changed.yaml");
  }

  @Override
  public void close() {
    try {
      deployment.stopServices();
      deployment.close();
    } finally {
      sample.close();
    }
  }
}
