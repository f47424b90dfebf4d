package dev.lockstep.targets.compose;

import dev.lockstep.core.config.ComposeConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProgramFinder;
import dev.lockstep.core.process.ProgramPath;
import dev.lockstep.targets.ServiceStatus;
import dev.lockstep.targets.StrayProcess;
import dev.lockstep.targets.Target;
import dev.lockstep.targets.TargetException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives a Docker Compose project ({@code target.type: compose}) against Docker or Podman,
 * whichever {@code DOCKER_HOST} or the Docker context points at. An install writes the release's
 * image of each service into the pins env file and checks that the engine has it; a start is {@code
 * up -d --no-deps} and a wait until the containers run; a stop is {@code stop -t <stopTimeout>}
 * (Podman's API creates containers with a stop timeout of 0, so without {@code -t} a stop is a
 * kill). What runs is read from the engine, never assumed. Every command is idempotent, as {@link
 * Target} asks.
 */
public final class ComposeTarget implements Target {
  /** One compose stop, up or run: images are local, so minutes mean something hangs. */
  private static final Duration COMMAND_DEADLINE = Duration.ofMinutes(10);

  private static final String NODE = "local";

  private final ComposeConfig compose;
  private final ComposeRunner runner;
  private final PinsFile pins;
  private final EngineCli engine;
  private final ComposeStatus status;
  private final PinnedImages images;
  private final ReleaseImages releases;
  private final MigrateImage migrateImage;

  public ComposeTarget(DeploymentConfig config) {
    this(
        config.target().compose(),
        config.file().getParent(),
        config.logsDir(),
        ProcessRunner.forDeployment(config),
        ProgramPath.fromEnvironment(),
        new ReleaseCatalog(config.releases(), config.trustedKeys()));
  }

  /**
   * @param workingDir where compose runs: the config file's folder
   * @param logsDir every command and its output is appended to {@code <logsDir>/target.log}
   * @param releases the releases (signed ones only, when keys are trusted), to tell which release a
   *     running image is from
   */
  public ComposeTarget(
      ComposeConfig compose,
      Path workingDir,
      Path logsDir,
      ProcessRunner processes,
      ProgramFinder path,
      ReleaseCatalog releases) {
    this.compose = compose;
    ComposeCommand command = ComposeCommand.of(compose, path);
    this.runner = new ComposeRunner(command, processes, workingDir, logsDir.resolve("target.log"));
    this.pins = new PinsFile(compose.pins());
    this.engine = new EngineCli(EngineCli.cli(command.program(), path), runner);
    this.status = new ComposeStatus(runner, engine, compose.project());
    this.images = new PinnedImages(engine, command);
    this.releases = new ReleaseImages(releases, engine);
    this.migrateImage = new MigrateImage(compose, engine, pins);
  }

  public ComposeCommand command() {
    return runner.command();
  }

  public PinsFile pins() {
    return pins;
  }

  @Override
  public void stop(ServiceConfig service) {
    stopAll(List.of(service));
  }

  /** One {@code stop -t <longest stopTimeout> svc…}: Compose stops them in parallel. */
  @Override
  public void stopAll(Collection<ServiceConfig> services) {
    if (services.isEmpty()) {
      return;
    }
    long seconds =
        services.stream()
            .map(ServiceConfig::stopTimeout)
            .mapToLong(t -> (t.toMillis() + 999) / 1000)
            .max()
            .getAsLong();
    List<String> verb = new ArrayList<>(List.of("stop", "-t", String.valueOf(seconds)));
    services.forEach(s -> verb.add(s.name()));
    runOrFail(services, "stop", verb);
  }

  /**
   * Checks that the engine has the release's image, then pins it in the pins file; fails naming the
   * image when the engine lacks it. Nothing is pulled: a deployment pulls its images before an
   * upgrade ({@code docker compose pull}), and a missing one is better found here than by {@code
   * up}. The {@code compose images} gate asks the same before anything is stopped.
   */
  @Override
  public void install(ServiceConfig service, ReleaseManifest release) {
    String image = PinnedImages.imageOf(service, release);
    // Checked before the pins change, so that a missing image leaves the deployment as it was.
    if (absentImage(service, release).isPresent()) {
      throw new TargetException(service.name(), NODE, absentMessage(service, release, image));
    }
    Map<String, String> pinned = new LinkedHashMap<>();
    pinned.put(service.image(), image);
    // The migrate one-shot follows the installed release too: after a rollback, a `run migrate`
    // by hand must not run the failed release's migrations.
    migrateImage
        .ofShipped(release)
        .ifPresent(migrate -> pinned.put(compose.migrateImage(), migrate));
    try {
      pins.write(pinned);
    } catch (UncheckedIOException e) {
      throw new TargetException(
          service.name(),
          NODE,
          e.getMessage() + ". Fix: make " + pins.path() + " writable by the user running Lockstep.",
          e);
    }
  }

  /**
   * The release's image of {@code service} when the engine does not have it; empty when it does.
   *
   * @throws TargetException when the engine does not answer
   */
  public Optional<String> absentImage(ServiceConfig service, ReleaseManifest release) {
    try {
      return images.absent(service, release);
    } catch (IllegalStateException e) {
      throw engineFailure(service.name(), e);
    }
  }

  /** What to say of an image the engine lacks, and how to get it. */
  public String absentMessage(ServiceConfig service, ReleaseManifest release, String image) {
    return images.absentMessage(service, release, image);
  }

  @Override
  public void start(ServiceConfig service, ReleaseManifest release) {
    startAll(List.of(service), release);
  }

  /**
   * One {@code up -d --no-deps svc…} (dependencies are services of their own, started in their own
   * turn), then a wait until every container runs. {@code up} recreates a container whose image the
   * pins changed and leaves one that already runs the pinned image alone.
   */
  @Override
  public void startAll(Collection<ServiceConfig> services, ReleaseManifest release) {
    if (services.isEmpty()) {
      return;
    }
    List<String> verb = new ArrayList<>(List.of("up", "-d", "--no-deps"));
    services.forEach(s -> verb.add(s.name()));
    runOrFail(services, "up", verb);
    try {
      new RunningWaiter(runner, status).await(services, compose.runningWithin());
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw engineFailure(services.iterator().next().name(), e);
    }
  }

  @Override
  public ServiceStatus status(ServiceConfig service) {
    return statusAll(List.of(service)).get(0);
  }

  /**
   * Removes the one-shot migrate containers a killed Lockstep left, running or exited: the
   * services' own containers are the engine's to keep, and compose finds them by label, so only the
   * one-shot can be a stray. Called when a run is resumed and before services start.
   */
  @Override
  public List<StrayProcess> reconcileAll(Collection<ServiceConfig> services) {
    try {
      return new MigrateService(compose, runner, engine)
          .removeLeftovers().stream()
              .map(name -> new StrayProcess(compose.migrate(), NODE, 0, "container " + name))
              .toList();
    } catch (IllegalStateException e) {
      throw engineFailure(compose.migrate(), e);
    }
  }

  /** One {@code ps} for all, then each running image matched to a release by image id. */
  @Override
  public List<ServiceStatus> statusAll(Collection<ServiceConfig> services) {
    return new ServiceStatuses(status, releases).of(services);
  }

  /**
   * Runs the one-shot migrate service ({@code target.compose.migrate}) once and removes its
   * container; its exit code and output are returned, not thrown, for the migrate step to judge.
   *
   * @param log where its command and output are appended
   */
  public ProcessResult migrate(ReleaseManifest release, Duration deadline, Path log) {
    try {
      migrateImage.pin(release);
    } catch (IllegalStateException e) {
      throw engineFailure(compose.migrate(), e);
    }
    return new MigrateService(compose, runner, engine).run(deadline, log);
  }

  /**
   * The release's image of the migrate service when the engine lacks it; empty when it has it, or
   * when {@code target.compose.migrateImage} is not set (the compose file pins it otherwise).
   *
   * @throws TargetException when the engine does not answer
   */
  public Optional<String> absentMigrateImage(ReleaseManifest release) {
    try {
      return migrateImage.absent(release);
    } catch (IllegalStateException e) {
      throw engineFailure(compose.migrate(), e);
    }
  }

  /** The verb {@link #migrate} runs, for messages: {@code run --name <name> <migrate>}. */
  public List<String> migrateVerb(String name) {
    return MigrateService.verb(compose, name);
  }

  private void runOrFail(Collection<ServiceConfig> services, String what, List<String> verb) {
    ProcessResult result = runner.compose(what, verb, COMMAND_DEADLINE, 20);
    if (!result.succeeded()) {
      String first = services.iterator().next().name();
      throw new TargetException(
          first,
          NODE,
          "compose "
              + what
              + " of "
              + String.join(", ", services.stream().map(ServiceConfig::name).toList())
              + " failed: "
              + String.join(" ", runner.command().argv(verb))
              + "\n"
              + result.describeFailure()
              + "\nFix: run the command by hand in the config's folder to see what is wrong; the"
              + " full output is in "
              + runner.logFile()
              + ".");
    }
  }

  /** The engine did not answer, or answered what Lockstep cannot read. */
  private TargetException engineFailure(String service, RuntimeException e) {
    return new TargetException(
        service,
        NODE,
        "the container engine did not answer: "
            + e.getMessage()
            + "\nFix: check that `"
            + String.join(" ", runner.command().program())
            + " version` reaches an engine (DOCKER_HOST); `lockstep doctor` says what is missing.",
        e);
  }
}
