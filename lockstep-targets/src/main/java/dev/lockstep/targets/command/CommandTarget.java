package dev.lockstep.targets.command;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.HostConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.secrets.SecretFiles;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.targets.Concurrently;
import dev.lockstep.targets.OutputTail;
import dev.lockstep.targets.ReleaseComponents;
import dev.lockstep.targets.ServiceStatus;
import dev.lockstep.targets.ServiceStatus.NodeStatus;
import dev.lockstep.targets.Target;
import dev.lockstep.targets.TargetException;
import dev.lockstep.targets.ssh.HostSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs each service's templated shell commands ({@code target.type: command}): systemd and npm,
 * Docker Compose, any CLI. Commands run once per node: on this machine, in the folder of the
 * deployment config, or, for a node named like one of {@code target.hosts}, on that host over SSH
 * (in the login user's home folder), where a release file is first copied and checked by its
 * sha256, {@code {artifact}} then naming the copy. Nodes on hosts are worked on in parallel, at
 * most {@link #PARALLEL_HOSTS} at once. Idempotence is the templates' own: {@code systemctl stop}
 * of a stopped unit, {@code npm install} of the installed version and {@code docker compose up -d}
 * all do nothing.
 */
public final class CommandTarget implements Target {
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);

  /** How many hosts one operation works on at once. */
  public static final int PARALLEL_HOSTS = 8;

  /** A status is asked for often and should answer at once; a hung one must not stall a plan. */
  private static final Duration STATUS_DEADLINE = Duration.ofSeconds(30);

  private final CommandRenderer renderer;
  private final ShellRunner runner;
  private final Duration deadline;
  private final Path logFile;
  private final HostSessions hosts;
  private final RemoteCommands remote;

  /** Commands get the deployment's database (a password file) and mask its secrets. */
  public CommandTarget(DeploymentConfig config) {
    this(
        config.target().shell(),
        config.file() == null ? config.stateDir() : config.file().getParent(),
        config.logsDir(),
        DEFAULT_DEADLINE,
        ProcessRunner.forDeployment(config),
        config.database(),
        config.target().hosts());
  }

  /**
   * For a target without a deployment: commands get no database.
   *
   * @param secrets masked in the log and in error messages
   */
  public CommandTarget(
      String shell, Path workingDir, Path logsDir, Duration deadline, Collection<Secret> secrets) {
    this(shell, workingDir, logsDir, deadline, secrets, Map.of());
  }

  /**
   * For a target without a deployment, whose nodes may live on {@code hosts}.
   *
   * @param secrets masked in the log and in error messages
   */
  public CommandTarget(
      String shell,
      Path workingDir,
      Path logsDir,
      Duration deadline,
      Collection<Secret> secrets,
      Map<String, HostConfig> hosts) {
    this(
        shell,
        workingDir,
        logsDir,
        deadline,
        new ProcessRunner(SecretRegistry.of(secrets), SecretFiles.standalone()),
        null,
        hosts);
  }

  /**
   * @param shell runs each command as {@code shell -c command}
   * @param workingDir where commands run, so that relative paths in them mean the config's folder
   * @param logsDir every command and its output is appended to {@code <logsDir>/target.log}
   * @param deadline how long one stop, install or start command may run before it is killed
   * @param runner runs the commands and masks secrets in the log and in error messages
   * @param database handed to every local command as PGHOST… and a temporary PGPASSFILE; may be
   *     null
   * @param hosts the hosts nodes may live on, by name
   */
  private CommandTarget(
      String shell,
      Path workingDir,
      Path logsDir,
      Duration deadline,
      ProcessRunner runner,
      DatabaseConfig database,
      Map<String, HostConfig> hosts) {
    this.renderer = new CommandRenderer(shell);
    this.logFile = logsDir.resolve("target.log");
    this.runner = new ShellRunner(shell, workingDir, logFile, runner, database);
    this.deadline = deadline;
    this.hosts = new HostSessions(hosts);
    this.remote = new RemoteCommands(this.hosts, logFile, runner.secrets());
  }

  /**
   * The command {@code action} runs on {@code node}, without running it.
   *
   * @param release the release to install or start; null for stop and version
   */
  public RenderedCommand render(
      ServiceConfig service, Action action, ReleaseManifest release, String node) {
    return renderer.render(service, action, release, node);
  }

  /** The commands {@code action} runs, one per node, in node order. */
  public List<RenderedCommand> render(
      ServiceConfig service, Action action, ReleaseManifest release) {
    return service.nodes().stream().map(node -> render(service, action, release, node)).toList();
  }

  @Override
  public void stop(ServiceConfig service) {
    runOnEveryNode(service, Action.STOP, null);
  }

  /**
   * Copies the release file to the host of every node that lives on one (checked by its sha256
   * there), hosts in parallel; {@link #install} then finds the copy in place and checks it in the
   * same command that installs it.
   */
  @Override
  public void prepare(ServiceConfig service, ReleaseManifest release) {
    List<Runnable> copies = new ArrayList<>();
    for (RenderedCommand command : render(service, Action.INSTALL, release)) {
      hostInstall(service, release, command)
          .ifPresent(
              install ->
                  copies.add(
                      () ->
                          remote.stage(install.host(), install.file(), install.copy(), deadline)));
    }
    Concurrently.run("lockstep-prepare", copies, PARALLEL_HOSTS);
  }

  @Override
  public void install(ServiceConfig service, ReleaseManifest release) {
    runOnEveryNode(service, Action.INSTALL, release);
  }

  @Override
  public void start(ServiceConfig service, ReleaseManifest release) {
    runOnEveryNode(service, Action.START, release);
  }

  /**
   * Runs the version command on every node: running when it exits 0, and the version is the first
   * MAJOR.MINOR.PATCH it prints. Without a version command the target cannot tell whether the
   * service runs, and says so: running false, version null, and a detail naming the missing key.
   */
  @Override
  public ServiceStatus status(ServiceConfig service) {
    List<NodeStatus> nodes = new ArrayList<>();
    for (String node : service.nodes()) {
      if (service.version() == null || service.version().isBlank()) {
        nodes.add(
            new NodeStatus(
                node, false, null, "unknown: services." + service.name() + ".version is not set"));
        continue;
      }
      ProcessResult result =
          run(render(service, Action.VERSION, null, node), min(deadline, STATUS_DEADLINE));
      nodes.add(nodeStatus(node, result));
    }
    return new ServiceStatus(service.name(), nodes);
  }

  private static NodeStatus nodeStatus(String node, ProcessResult result) {
    if (result.timedOut()) {
      return new NodeStatus(
          node,
          false,
          null,
          "version command gave no answer in " + Durations.format(result.took()));
    }
    String lastLine =
        result.lastOutput().isBlank() ? "" : result.lastOutput().lines().reduce((a, b) -> b).get();
    if (result.exitCode() != 0) {
      return new NodeStatus(
          node,
          false,
          null,
          "version command exited "
              + result.exitCode()
              + (lastLine.isEmpty() ? "" : ": " + brief(lastLine)));
    }
    String firstLine = result.head().stream().filter(l -> !l.isBlank()).findFirst().orElse("");
    return new NodeStatus(node, true, VersionToken.first(result.head()), brief(firstLine));
  }

  /** Status details are one line in a table. */
  private static String brief(String line) {
    String text = line.strip();
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  private void runOnEveryNode(ServiceConfig service, Action action, ReleaseManifest release) {
    // Rendered first for every node, so that a template error stops before anything runs.
    List<RenderedCommand> commands = render(service, action, release);
    boolean anyRemote = service.nodes().stream().anyMatch(node -> hosts.hostOf(node).isPresent());
    List<Runnable> tasks = new ArrayList<>();
    for (RenderedCommand command : commands) {
      tasks.add(
          () -> {
            Optional<HostInstall> onHost = hostInstall(service, release, command);
            RenderedCommand toRun = onHost.map(HostInstall::command).orElse(command);
            ProcessResult result = onHost.isPresent() ? run(onHost.get()) : run(command, deadline);
            if (!result.succeeded()) {
              throw failure(toRun, result);
            }
          });
    }
    Concurrently.run("lockstep-" + action.key(), tasks, anyRemote ? PARALLEL_HOSTS : 1);
  }

  /**
   * An install on a host, run on the host's copy of a release file.
   *
   * @param copy where the file is kept on the host
   * @param command the install, rendered with {@code {artifact}} naming the copy
   */
  private record HostInstall(
      HostConfig host, FileArtifact file, String copy, RenderedCommand command) {}

  /** For an install on a host of a release file, what runs it there; empty for anything else. */
  private Optional<HostInstall> hostInstall(
      ServiceConfig service, ReleaseManifest release, RenderedCommand command) {
    Optional<HostConfig> host = hosts.hostOf(command.node());
    if (command.action() != Action.INSTALL || host.isEmpty()) {
      return Optional.empty();
    }
    Component component = ReleaseComponents.require(service, release);
    if (!(component.artifact() instanceof FileArtifact file)) {
      return Optional.empty();
    }
    String copy = remote.copyPath(host.get(), file, component.name(), release.version().toString());
    return Optional.of(
        new HostInstall(
            host.get(),
            file,
            copy,
            renderer.render(service, Action.INSTALL, release, command.node(), copy)));
  }

  /**
   * Runs the install on the host's copy, checked by its sha256 in the same command; when the copy
   * is missing or differs, copies the file first (checked there) and runs the install then.
   */
  private ProcessResult run(HostInstall install) {
    Optional<ProcessResult> ran =
        remote.runOnCheckedCopy(
            install.host(),
            label(install.command()),
            install.command().command(),
            install.copy(),
            install.file().sha256(),
            deadline,
            20);
    if (ran.isPresent()) {
      return ran.get();
    }
    remote.copy(install.host(), install.file(), install.copy(), deadline);
    return run(install.command(), deadline);
  }

  private static String label(RenderedCommand command) {
    return command.service() + "@" + command.node() + " " + command.action().key();
  }

  private ProcessResult run(RenderedCommand command, Duration limit) {
    Optional<HostConfig> host = hosts.hostOf(command.node());
    if (host.isPresent()) {
      return remote.run(host.get(), label(command), command.command(), limit, 20);
    }
    return runner.run(label(command), command.command(), Map.of(), limit, 20);
  }

  /** Logs out of every host this target logged in to. */
  @Override
  public void close() {
    hosts.close();
  }

  private TargetException failure(RenderedCommand command, ProcessResult result) {
    String what =
        result.timedOut()
            ? "was still running after " + Durations.format(deadline) + " and was killed"
            : "failed with exit code " + result.exitCode();
    String fix =
        result.timedOut()
            ? "find out why it hangs (does it wait for input or a password prompt?)"
            : "run the command by hand as the user that runs Lockstep to see what is wrong";
    return new TargetException(
        command.service(),
        command.node(),
        "the "
            + command.action().key()
            + " command of "
            + command.service()
            + "@"
            + command.node()
            + " "
            + what
            + ": "
            + runner.secrets().redact(command.command())
            + "\n"
            + OutputTail.describe(result.lastOutput())
            + "\nFix: "
            + fix
            + "; the full output is in "
            + logFile
            + ".");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
