package dev.lockstep.examples;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ThrowawayPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The compose example ({@code examples/compose}) copied into a folder of its own, as an operator
 * would deploy it: its own database on the tests' PostgreSQL server, its own compose project name
 * and ports, and the operator's {@code notes.env} (0600, with the password the containers use).
 * Closing takes the project down and removes the folder.
 */
public final class ComposeSample implements AutoCloseable {
  private final Path folder;
  private final String project;
  private final Map<String, String> environment;
  private final int apiPort;

  private ComposeSample(Path folder, String project, Map<String, String> environment, int apiPort) {
    this.folder = folder;
    this.project = project;
    this.environment = Map.copyOf(environment);
    this.apiPort = apiPort;
  }

  public static ComposeSample create(ThrowawayPostgres postgres, String name) {
    ComposeImages.build();
    Secret password = Secret.of(HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
    postgres.createRole(name, password, true);
    try (Connection connection = new Database(postgres.database("postgres")).connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " OWNER " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    int apiPort = LoopbackPorts.next();
    int workerPort = LoopbackPorts.next();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NOTES_PG_PORT", String.valueOf(postgres.port()));
    env.put("NOTES_DB_NAME", name);
    env.put("NOTES_DB_USER", name);
    env.put("NOTES_API_PORT", String.valueOf(apiPort));
    env.put("NOTES_WORKER_PORT", String.valueOf(workerPort));
    try {
      Path folder = Files.createTempDirectory("lockstep-compose-");
      copy(ComposeImages.EXAMPLE, folder);
      Path operatorEnv = folder.resolve("notes.env");
      StringBuilder lines = new StringBuilder();
      env.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
      lines.append("NOTES_DB_PASSWORD=").append(password.reveal()).append('\n');
      Files.writeString(operatorEnv, lines, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(operatorEnv, PosixFilePermissions.fromString("rw-------"));
      env.put("NOTES_DB_PASSWORD", password.reveal());
      env.put("NOTES_STATE_DIR", folder.resolve("state").toString());
      env.put("NOTES_COMPOSE_PROJECT", name.replace('_', '-'));
      return new ComposeSample(folder, name.replace('_', '-'), env, apiPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public DeploymentConfig config() {
    return new ConfigLoader(Variables.fromEnvironment().with(environment)).load(configFile());
  }

  public Path configFile() {
    return folder.resolve("lockstep.yaml");
  }

  public Path folder() {
    return folder;
  }

  public String project() {
    return project;
  }

  /** The variables the config reads ({@code NOTES_*}, the password among them), for a child. */
  public Map<String, String> environment() {
    return environment;
  }

  /** A command of the container engine's own CLI (the {@code docker} of compose); its output. */
  public String engine(String... args) {
    List<String> argv = new ArrayList<>(List.of(composeProgram().get(0)));
    if (argv.get(0).equals("docker-compose")) {
      argv.set(0, "podman");
    }
    argv.addAll(List.of(args));
    return run(argv);
  }

  public NotesClient notes() {
    return new NotesClient(apiPort);
  }

  /** A compose command on this project, as an operator would type it; its output. */
  public String compose(String... args) {
    List<String> argv = new ArrayList<>(composeProgram());
    argv.addAll(List.of("-p", project, "-f", "compose.yaml", "--env-file", "notes.env"));
    if (Files.exists(folder.resolve("images.env"))) {
      argv.addAll(List.of("--env-file", "images.env"));
    }
    argv.addAll(List.of(args));
    return run(argv);
  }

  private String run(List<String> argv) {
    try {
      Process process =
          new ProcessBuilder(argv).directory(folder.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", argv) + " did not end in 2 minutes");
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> composeProgram() {
    boolean docker =
        Stream.of(System.getenv("PATH").split(":"))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "docker")));
    return docker ? List.of("docker", "compose") : List.of("docker-compose");
  }

  private static void copy(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path relative = source.relativize(path);
        if (relative.startsWith("images")) {
          continue; // how the images are built, not part of the deployment
        }
        Path destination = target.resolve(relative.toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(path, destination);
        }
      }
    }
  }

  /**
   * Takes the project down (containers of this project only, one-off migrate containers a killed
   * Lockstep left among them) and deletes the folder.
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
      try (Stream<Path> paths = Files.walk(folder)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // A leftover temp folder is not worth failing for.
      }
    }
  }
}
