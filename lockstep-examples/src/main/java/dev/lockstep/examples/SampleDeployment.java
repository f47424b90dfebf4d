package dev.lockstep.examples;

import dev.lockstep.core.api.Secret;
import dev.lockstep.postgres.ThrowawayPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "notes" sample product deployed the way an operator would have it: its own role and database
 * on a PostgreSQL server, a folder with its releases and deployment config, ports of its own for
 * its services, and the environment its config reads. The demo runs on one; tests run on many.
 */
public final class SampleDeployment implements DemoDeployment {
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
    Secret password = SampleDatabase.create(postgres, name);
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

  @Override
  public Path folder() {
    return folder;
  }

  /** What the config reads from the environment, the database password among it. */
  @Override
  public Map<String, String> environment() {
    return environment;
  }

  public Secret password() {
    return Secret.of(environment.get("NOTES_DB_PASSWORD"));
  }

  @Override
  public NotesClient notes() {
    return new NotesClient(apiPort);
  }

  /** The jar holding the PostgreSQL JDBC driver, for the sample product's class path. */
  private static Path jdbcDriver() {
    return CodeLocation.of(org.postgresql.Driver.class);
  }

  /** Copies the sample product, shipped inside Lockstep byte for byte, into a new folder. */
  private static Path copyExample() {
    try {
      Path target = Files.createTempDirectory("lockstep-notes-");
      ShippedFiles.copy(EXAMPLE, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the sample product", e);
    }
  }

  /** Deletes the folder (unless asked to keep it). Services are the caller's to stop. */
  @Override
  public void close() {
    if (!keepFolder) {
      ShippedFiles.delete(folder);
    }
  }
}
