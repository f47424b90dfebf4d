package dev.lockstep.targets.process;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.process.ProgramPath;
import dev.lockstep.targets.Concurrently;
import dev.lockstep.targets.KnownSecrets;
import dev.lockstep.targets.ServiceProcesses;
import dev.lockstep.targets.ServiceStatus;
import dev.lockstep.targets.ServiceStatus.NodeStatus;
import dev.lockstep.targets.StrayProcess;
import dev.lockstep.targets.Target;
import dev.lockstep.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs each node of a service as a detached local process ({@code target.type: process}). What runs
 * where is kept in one state file per node, so that any later Lockstep, including one resumed after
 * a crash, can find, stop or restart it; every process also carries a {@link ServiceMarker} in its
 * environment, so that one started just before a crash, and never recorded, is found as well.
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
  private final String deployment;
  private final MarkedProcesses marked;
  private final PortGuard ports;
  private final Runnable afterLaunch;

  public ProcessTarget(DeploymentConfig config) {
    this(config.stateDir(), config.serviceStateDir(), config.logsDir(), KnownSecrets.of(config));
  }

  /**
   * @param stateDir installed artifacts go to {@code <stateDir>/artifacts}; services without a
   *     working directory start here
   * @param serviceStateDir one state file per service node; it also tells this deployment's
   *     processes from any other's
   * @param logsDir one log per service node
   * @param secrets masked in the log excerpts that error messages quote
   */
  public ProcessTarget(
      Path stateDir, Path serviceStateDir, Path logsDir, Collection<Secret> secrets) {
    this(stateDir, serviceStateDir, logsDir, secrets, () -> {});
  }

  /**
   * @param afterLaunch runs between a process's start and the record of its pid: a crash test stops
   *     Lockstep there
   */
  ProcessTarget(
      Path stateDir,
      Path serviceStateDir,
      Path logsDir,
      Collection<Secret> secrets,
      Runnable afterLaunch) {
    this.stateDir = stateDir;
    this.logsDir = logsDir;
    this.states = new StateStore(serviceStateDir);
    this.installer = new ArtifactInstaller(stateDir.resolve("artifacts"));
    this.launcher =
        new ProcessLauncher(ProgramPath.fromEnvironment().find("setsid"), STARTUP_GRACE, secrets);
    this.deployment = ServiceMarker.deploymentKey(serviceStateDir);
    this.marked = new MarkedProcesses(deployment);
    this.ports = new PortGuard(deployment, secrets);
    this.afterLaunch = afterLaunch;
  }

  /** Stops every node's recorded process and any process of the node it did not record. */
  @Override
  public void stop(ServiceConfig service) {
    stopAll(List.of(service));
  }

  /**
   * Stops every node of {@code services} at once: each waits out its own stop timeout, so the
   * slowest node, not the sum of them all, is how long stopping takes.
   */
  @Override
  public void stopAll(Collection<ServiceConfig> services) {
    List<MarkedProcess> all = marked.all();
    List<Runnable> stops = new ArrayList<>();
    for (ServiceConfig service : services) {
      for (String node : service.nodes()) {
        stops.add(() -> stopNode(service, node, all));
      }
    }
    Concurrently.run("lockstep-stop", stops);
  }

  private void stopNode(ServiceConfig service, String node, List<MarkedProcess> all) {
    Optional<ProcessState> state = states.read(service.name(), node);
    ServiceLog log = ServiceLog.of(logsDir, service.name(), node);
    Optional<ProcessHandle> live = state.flatMap(LiveProcess::of);
    if (live.isPresent()) {
      stopper.stop(live.get(), service.stopTimeout(), service.name(), node, log);
    }
    stopStrays(service, node, state.orElse(ProcessState.empty(service.name(), node)), all);
    if (state.isPresent() && (state.get().pid() != null || state.get().launchToken() != null)) {
      states.write(state.get().stopped());
    }
  }

  @Override
  public List<StrayProcess> reconcile(ServiceConfig service) {
    return reconcileAll(List.of(service));
  }

  /** One look at the machine's processes serves every service. */
  @Override
  public List<StrayProcess> reconcileAll(Collection<ServiceConfig> services) {
    List<MarkedProcess> all = marked.all();
    List<StrayProcess> stopped = new ArrayList<>();
    for (ServiceConfig service : services) {
      for (String node : service.nodes()) {
        Optional<ProcessState> state = states.read(service.name(), node);
        stopped.addAll(
            stopStrays(service, node, state.orElse(ProcessState.empty(service.name(), node)), all));
        if (state.isPresent() && state.get().launchUnrecorded()) {
          states.write(state.get().stopped());
        }
      }
    }
    return stopped;
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
    startAll(List.of(service), release);
  }

  /**
   * Launches every node of {@code services}, in order, then waits out their start-up grace: the
   * graces overlap, so starting costs one grace, not one per node.
   */
  @Override
  public void startAll(Collection<ServiceConfig> services, ReleaseManifest release) {
    List<MarkedProcess> all = marked.all();
    List<Launch> launches = new ArrayList<>();
    for (ServiceConfig service : services) {
      for (String node : service.nodes()) {
        launch(service, release, node, all).ifPresent(launches::add);
      }
    }
    for (Launch launch : launches) {
      try {
        launcher.awaitStartup(launch.started(), launch.service(), launch.node(), launch.log());
      } catch (TargetException e) {
        states.write(launch.state().stopped());
        throw e;
      }
    }
  }

  /** A node launched and recorded, not yet past its start-up grace. */
  private record Launch(
      String service,
      String node,
      ProcessState state,
      ProcessLauncher.Started started,
      ServiceLog log) {}

  /** Launches the node, unless it already runs {@code release}; empty then. */
  private Optional<Launch> launch(
      ServiceConfig service, ReleaseManifest release, String node, List<MarkedProcess> all) {
    String version = release.version().toString();
    ProcessState state =
        states.read(service.name(), node).orElse(ProcessState.empty(service.name(), node));
    stopStrays(service, node, state, all);
    Optional<ProcessHandle> live = LiveProcess.of(state);
    if (live.isPresent() && version.equals(state.runningVersion())) {
      return Optional.empty();
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
    ports.requireFree(service, node);
    ServiceLog log = ServiceLog.of(logsDir, service.name(), node);
    // The intent goes first: a Lockstep killed before it records the pid leaves a token by which
    // the next one finds the process (its marker) and stops it.
    ProcessState launching = state.launching(ServiceMarker.newToken(), Instant.now());
    states.write(launching);
    ServiceMarker marker =
        ServiceMarker.of(deployment, service.name(), node, launching.launchToken());
    ProcessLauncher.Started started =
        launcher.start(
            service.name(), node, command, workingDir(service), service.env(), marker, log);
    afterLaunch.run();
    // Recorded before the start-up wait: a Lockstep killed during it leaves a pid to stop.
    states.write(launching.running(started.pid(), started.startInstant(), Instant.now()));
    return Optional.of(new Launch(service.name(), node, launching, started, log));
  }

  /** Stops what {@code state} does not account for, each noted in the node's log. */
  private List<StrayProcess> stopStrays(
      ServiceConfig service, String node, ProcessState state, List<MarkedProcess> all) {
    List<StrayProcess> stopped = new ArrayList<>();
    ServiceLog log = ServiceLog.of(logsDir, service.name(), node);
    for (MarkedProcess stray : MarkedProcesses.strays(all, service.name(), node, state)) {
      StrayProcess described = stray.asStray(service.name(), node);
      log.note(
          Instant.now(),
          "stopping "
              + described.describe()
              + ": Lockstep started it (launch "
              + stray.marker().token()
              + ") but never recorded it");
      stopper.stop(stray.handle(), service.stopTimeout(), service.name(), node, log);
      stopped.add(described);
    }
    return stopped;
  }

  @Override
  public ServiceStatus status(ServiceConfig service) {
    return statusAll(List.of(service)).get(0);
  }

  /** One look at the machine's processes serves every service. */
  @Override
  public List<ServiceStatus> statusAll(Collection<ServiceConfig> services) {
    List<MarkedProcess> all = marked.all();
    List<ServiceStatus> statuses = new ArrayList<>();
    for (ServiceConfig service : services) {
      List<NodeStatus> nodes = new ArrayList<>();
      for (String node : service.nodes()) {
        Optional<ProcessState> state = states.read(service.name(), node);
        List<MarkedProcess> strays =
            MarkedProcesses.strays(
                all, service.name(), node, state.orElse(ProcessState.empty(service.name(), node)));
        nodes.add(NodeStatuses.of(node, state, strays));
      }
      statuses.add(new ServiceStatus(service.name(), nodes));
    }
    return statuses;
  }

  /** Reads only the state files and the pids they name: cheap enough to poll. */
  @Override
  public Optional<ServiceProcesses> processes(ServiceConfig service) {
    Map<String, Long> running = new LinkedHashMap<>();
    List<String> notRunning = new ArrayList<>();
    for (String node : service.nodes()) {
      Optional<ProcessHandle> live = states.read(service.name(), node).flatMap(LiveProcess::of);
      if (live.isPresent()) {
        running.put(node, live.get().pid());
      } else {
        notRunning.add(node);
      }
    }
    return Optional.of(new ServiceProcesses(service.name(), running, notRunning));
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
