package dev.lockstep.targets.process;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.targets.KnownSecrets;
import dev.lockstep.targets.ServiceStatus;
import dev.lockstep.targets.ServiceStatus.NodeStatus;
import dev.lockstep.targets.Target;
import dev.lockstep.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Runs each node of a service as a detached local process ({@code target.type: process}). What runs
 * where is kept in one state file per node, so that any later Lockstep, including one resumed after
 * a crash, can find, stop or restart it.
 */
public final class ProcessTarget implements Target {
  /** A service that dies this soon after its start is reported as failed to start. */
  public static final Duration STARTUP_GRACE = Duration.ofMillis(300);

  private final Path stateDir;
  private final Path logsDir;
  private final StateStore states;
  private final ArtifactInstaller installer;
  private final ProcessLauncher launcher;
  private final ProcessStopper stopper = new ProcessStopper();

  public ProcessTarget(DeploymentConfig config) {
    this(config.stateDir(), config.serviceStateDir(), config.logsDir(), KnownSecrets.of(config));
  }

  /**
   * @param stateDir installed artifacts go to {@code <stateDir>/artifacts}; services without a
   *     working directory start here
   * @param serviceStateDir one state file per service node
   * @param logsDir one log per service node
   * @param secrets masked in the log excerpts that error messages quote
   */
  public ProcessTarget(
      Path stateDir, Path serviceStateDir, Path logsDir, Collection<Secret> secrets) {
    this.stateDir = stateDir;
    this.logsDir = logsDir;
    this.states = new StateStore(serviceStateDir);
    this.installer = new ArtifactInstaller(stateDir.resolve("artifacts"));
    this.launcher =
        new ProcessLauncher(ProcessLauncher.findOnPath("setsid"), STARTUP_GRACE, secrets);
  }

  @Override
  public void stop(ServiceConfig service) {
    for (String node : service.nodes()) {
      Optional<ProcessState> state = states.read(service.name(), node);
      if (state.isEmpty()) {
        continue;
      }
      Optional<ProcessHandle> live = LiveProcess.of(state.get());
      if (live.isPresent()) {
        stopper.stop(
            live.get(),
            service.stopTimeout(),
            service.name(),
            node,
            ServiceLog.of(logsDir, service.name(), node));
      }
      if (state.get().pid() != null) {
        states.write(state.get().stopped());
      }
    }
  }

  /** Installs the release's file for every node; a running process keeps its own copy. */
  @Override
  public void install(ServiceConfig service, ReleaseManifest release) {
    String installed = installer.install(service, release).toString();
    for (String node : service.nodes()) {
      ProcessState state =
          states.read(service.name(), node).orElse(ProcessState.empty(service.name(), node));
      states.write(state.installed(release.version().toString(), installed));
    }
  }

  @Override
  public void start(ServiceConfig service, ReleaseManifest release) {
    for (String node : service.nodes()) {
      startNode(service, release, node);
    }
  }

  private void startNode(ServiceConfig service, ReleaseManifest release, String node) {
    String version = release.version().toString();
    ProcessState state =
        states.read(service.name(), node).orElse(ProcessState.empty(service.name(), node));
    Optional<ProcessHandle> live = LiveProcess.of(state);
    if (live.isPresent() && version.equals(state.runningVersion())) {
      return;
    }
    if (live.isPresent()) {
      throw new TargetException(
          service.name(),
          node,
          service.name()
              + "@"
              + node
              + " already runs "
              + state.runningVersion()
              + " (pid "
              + state.pid()
              + "). Fix: stop it before starting "
              + version
              + ".");
    }
    List<String> command = ServiceCommand.render(service, state, version);
    ServiceLog log = ServiceLog.of(logsDir, service.name(), node);
    ProcessLauncher.Started started =
        launcher.start(service.name(), node, command, workingDir(service), service.env(), log);
    // Recorded before the start-up wait: a Lockstep killed during it leaves a pid to stop.
    states.write(state.running(started.pid(), started.startInstant(), Instant.now()));
    try {
      launcher.awaitStartup(started, service.name(), node, log);
    } catch (TargetException e) {
      states.write(state.stopped());
      throw e;
    }
  }

  @Override
  public ServiceStatus status(ServiceConfig service) {
    List<NodeStatus> nodes = new ArrayList<>();
    for (String node : service.nodes()) {
      Optional<ProcessState> state = states.read(service.name(), node);
      if (state.isEmpty() || state.get().version() == null) {
        nodes.add(new NodeStatus(node, false, null, "not installed"));
      } else if (LiveProcess.of(state.get()).isPresent()) {
        nodes.add(
            new NodeStatus(node, true, state.get().runningVersion(), "pid " + state.get().pid()));
      } else {
        // Not running: the version is the installed one, which a start would run.
        String detail =
            state.get().pid() == null
                ? "not running"
                : "not running (pid " + state.get().pid() + " has exited)";
        nodes.add(new NodeStatus(node, false, state.get().version(), detail));
      }
    }
    return new ServiceStatus(service.name(), nodes);
  }

  private Path workingDir(ServiceConfig service) {
    if (service.workingDir() != null) {
      return service.workingDir();
    }
    try {
      return Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new TargetException(
          service.name(),
          null,
          "cannot create " + stateDir + ": " + e.getMessage() + ". Fix: check its permissions.",
          e);
    }
  }
}
