package dev.lockstep.examples;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.yaml.Variables;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ThrowawayPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The "notes" sample product deployed the way an operator would have it: its own role and database
 * on a PostgreSQL server, a folder with its releases and deployment config, ports of its own for
 * its services, and the environment its config reads. The demo runs on one; tests run on many.
 */
public final class SampleDeployment implements AutoCloseable {
  private static final String EXAMPLE = "examples/notes";

  private final Path folder;
  private final Map<String, String> environment;
  private final int apiPort;
  private final boolean keepFolder;

  private SampleDeployment(
      Path folder, Map<String, String> environment, int apiPort, boolean keepFolder) {
    this.folder = folder;
    this.environment = Map.copyOf(environment);
    this.apiPort = apiPort;
    this.keepFolder = keepFolder;
  }

  /**
   * Creates role and database {@code name} on {@code postgres} and a fresh folder with the sample
   * product's releases and config.
   */
  public static SampleDeployment create(
      ThrowawayPostgres postgres, String name, boolean keepFolder) {
    return create(postgres, name, keepFolder, Map.of());
  }

  /**
   * As {@link #create(ThrowawayPostgres, String, boolean)}, with {@code overrides} winning over the
   * environment it would give the config (tests point {@code JAVA} at a launcher of their own).
   */
  public static SampleDeployment create(
      ThrowawayPostgres postgres, String name, boolean keepFolder, Map<String, String> overrides) {
    Secret password = Secret.of(HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
    createRoleAndDatabase(postgres, name, password);
    Path folder = copyExample();
    int apiPort = LoopbackPorts.next();
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("NOTES_PG_PORT", String.valueOf(postgres.port()));
    environment.put("NOTES_DB_NAME", name);
    environment.put("NOTES_DB_USER", name);
    environment.put("NOTES_DB_PASSWORD", password.reveal());
    environment.put("NOTES_API_PORT", String.valueOf(apiPort));
    environment.put("NOTES_WORKER_PORT", String.valueOf(LoopbackPorts.next()));
    environment.put("NOTES_REHEARSAL_API_PORT", String.valueOf(LoopbackPorts.next()));
    environment.put("NOTES_REHEARSAL_WORKER_PORT", String.valueOf(LoopbackPorts.next()));
    environment.put("NOTES_STATE_DIR", folder.resolve("state").toString());
    environment.put("JDBC_DRIVER", jdbcDriver().toString());
    environment.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    environment.putAll(overrides);
    return new SampleDeployment(folder, environment, apiPort, keepFolder);
  }

  /**
   * The deployment config, read the way `lockstep -c <config>` reads it with {@link
   * #environment()}.
   */
  public DeploymentConfig config() {
    return new ConfigLoader(Variables.fromEnvironment().with(environment)).load(configFile());
  }

  public Path configFile() {
    return folder.resolve("lockstep.yaml");
  }

  public Path folder() {
    return folder;
  }

  /** What the config reads from the environment, the database password among it. */
  public Map<String, String> environment() {
    return environment;
  }

  public Secret password() {
    return Secret.of(environment.get("NOTES_DB_PASSWORD"));
  }

  public NotesClient notes() {
    return new NotesClient(apiPort);
  }

  private static void createRoleAndDatabase(
      ThrowawayPostgres postgres, String name, Secret password) {
    postgres.createRole(name, password, true);
    try (Connection connection = new Database(postgres.database("postgres")).connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " OWNER " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
  }

  /** The jar holding the PostgreSQL JDBC driver, for the sample product's class path. */
  private static Path jdbcDriver() {
    try {
      return Path.of(
          org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the PostgreSQL JDBC driver", e);
    }
  }

  /** Copies the sample product, shipped inside Lockstep byte for byte, into a new folder. */
  private static synchronized Path copyExample() {
    URL resource = SampleDeployment.class.getClassLoader().getResource(EXAMPLE);
    if (resource == null) {
      throw new IllegalStateException("the sample product is missing from Lockstep's class path");
    }
    try {
      Path target = Files.createTempDirectory("lockstep-notes-");
      URI uri = resource.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          copyTree(jar.getPath(EXAMPLE), target);
        }
      } else {
        copyTree(Path.of(uri), target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the sample product", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path destination = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(path, destination);
        }
      }
    }
  }

  /** Deletes the folder (unless asked to keep it). Services are the caller's to stop. */
  @Override
  public void close() {
    if (keepFolder) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temp folder is not worth failing for.
    }
  }
}
