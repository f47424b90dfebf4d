package dev.lockstep.examples;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.process.ProcessRunner;
import dev.lockstep.core.process.ProcessSpec;
import dev.lockstep.core.process.ProgramPath;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.targets.compose.ComposeCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The compose example ({@code examples/compose}) copied into a folder of its own, as an operator
 * would deploy it: its own role and database on a PostgreSQL server, its own compose project name
 * and ports, and the operator's {@code notes.env} (0600, with the password the containers use). Its
 * images must exist ({@link NotesImages}). Closing takes the project down, removes the one-shot
 * migrate containers a killed Lockstep may have left, and deletes the folder.
 */
public final class ComposeDeployment implements DemoDeployment {
  /** The images the example's releases name: {@code <prefix>/{api,worker,migrate}:<version>}. */
  public static final String IMAGES = "localhost/lockstep-notes";

  private static final String EXAMPLE = "examples/compose";
  private static final Duration COMMAND_DEADLINE = Duration.ofMinutes(2);

  private final Path folder;
  private final String project;
  private final Map<String, String> environment;
  private final int apiPort;
  private final boolean keepFolder;
  private final ProcessRunner runner = ProcessRunner.standalone();

  private ComposeDeployment(
      Path folder,
      String project,
      Map<String, String> environment,
      int apiPort,
      boolean keepFolder) {
    this.folder = folder;
    this.project = project;
    this.environment = Map.copyOf(environment);
    this.apiPort = apiPort;
    this.keepFolder = keepFolder;
  }

  /**
   * Creates role and database {@code name} on {@code postgres}, and a folder with the example,
   * whose compose project is {@code name} with dashes for underscores.
   *
   * @param images the prefix of the images its releases run, {@link #IMAGES} as shipped; another
   *     one is written into the copied release manifests
   */
  public static ComposeDeployment create(
      ThrowawayPostgres postgres, String name, boolean keepFolder, String images) {
    Secret password = SampleDatabase.create(postgres, name);
    String project = name.replace('_', '-');
    int apiPort = LoopbackPorts.next();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NOTES_PG_PORT", String.valueOf(postgres.port()));
    env.put("NOTES_DB_NAME", name);
    env.put("NOTES_DB_USER", name);
    env.put("NOTES_API_PORT", String.valueOf(apiPort));
    env.put("NOTES_WORKER_PORT", String.valueOf(LoopbackPorts.next()));
    try {
      Path folder = Files.createTempDirectory("lockstep-compose-");
      // images/ is how the images are built, not part of the deployment.
      ShippedFiles.copy(EXAMPLE, folder, relative -> relative.startsWith("images"));
      if (!images.equals(IMAGES)) {
        renameImages(folder.resolve("releases"), images);
      }
      writeOperatorEnv(folder.resolve("notes.env"), env, password);
      env.put("NOTES_DB_PASSWORD", password.reveal());
      env.put("NOTES_STATE_DIR", folder.resolve("state").toString());
      env.put("NOTES_COMPOSE_PROJECT", project);
      return new ComposeDeployment(folder, project, env, apiPort, keepFolder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot deploy the compose example", e);
    }
  }

  /**
   * The operator's env file of the containers: the ports and the password, readable by no one else.
   */
  private static void writeOperatorEnv(Path file, Map<String, String> env, Secret password)
      throws IOException {
    StringBuilder lines = new StringBuilder();
    env.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
    lines.append("NOTES_DB_PASSWORD=").append(password.reveal()).append('\n');
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, lines, StandardCharsets.UTF_8);
  }

  private static void renameImages(Path releases, String images) throws IOException {
    try (Stream<Path> manifests = Files.walk(releases)) {
      for (Path manifest : manifests.filter(p -> p.endsWith("release.yaml")).toList()) {
        Files.writeString(manifest, Files.readString(manifest).replace(IMAGES + "/", images + "/"));
      }
    }
  }

  @Override
  public Path folder() {
    return folder;
  }

  public String project() {
    return project;
  }

  /** The variables the config reads ({@code NOTES_*}, the password among them), for a child. */
  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public NotesClient notes() {
    return new NotesClient(apiPort);
  }

  /** A compose command on this project, as Lockstep runs it; its output, both streams. */
  public String compose(String... verb) {
    ComposeCommand command =
        ComposeCommand.of(config().target().compose(), ProgramPath.fromEnvironment());
    return run(command.argv(verb));
  }

  /**
   * A command of the container engine's own CLI ({@code docker}, else {@code podman}); its output.
   */
  public String engine(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(ProgramPath.fromEnvironment().find("docker").isPresent() ? "docker" : "podman");
    argv.addAll(List.of(args));
    return run(argv);
  }

  private String run(List<String> argv) {
    ProcessResult result =
        runner.run(
            ProcessSpec.of(argv.get(0), argv)
                .in(folder)
                .withDeadline(COMMAND_DEADLINE)
                .withMergedErrors()
                .keepingLines(500));
    if (result.timedOut() || result.notStarted()) {
      throw new IllegalStateException(result.describeFailure());
    }
    return String.join("\n", result.head());
  }

  /**
   * Takes the project down (its containers, and the one-off migrate containers a killed Lockstep
   * left) and deletes the folder unless it is to be kept.
   */
  @Override
  public void close() {
    try {
      compose("down", "--timeout", "10");
      String leftovers =
          engine("ps", "-a", "--filter", "name=" + project + "-migrate-lockstep", "-q").strip();
      if (!leftovers.isEmpty()) {
        List<String> remove = new ArrayList<>(List.of("rm", "-f"));
        remove.addAll(List.of(leftovers.split("\\s+")));
        engine(remove.toArray(String[]::new));
      }
    } finally {
      if (!keepFolder) {
        ShippedFiles.delete(folder);
      }
    }
  }
}
