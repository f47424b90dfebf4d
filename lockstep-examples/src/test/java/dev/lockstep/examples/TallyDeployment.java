package dev.lockstep.examples;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.ConfigLoader;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.ThrowawayPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * "tally", a product that migrates itself (a shell script and psql, recording its migrations as
 * Prisma does), deployed on a PostgreSQL server with its own role and database, in a fresh folder
 * holding its config and these releases:
 *
 * <ul>
 *   <li>1.0.0 and 1.1.0 ({@code runner: command}): the migrate command creates {@code items}, then
 *       adds a column;
 *   <li>1.2.0 (command): its contract migration fails half-way, leaving a failed row;
 *   <li>1.3.0 (command): declares expand, but renames a column (contract);
 *   <li>2.0.0 ({@code runner: startup}): the server adds {@code tags} as it starts;
 *   <li>2.1.0 (startup): the server's migration fails after a second, and its log says {@code
 *       migrations: failed};
 *   <li>2.2.0 (startup): declares expand, but the server renames a column as it starts.
 * </ul>
 */
public final class TallyDeployment implements AutoCloseable {
  public static final String CREATE_ITEMS = "20260101_create_items";
  public static final String ADD_NOTE = "20260201_add_items_note";
  public static final String DROP_NOTE = "20260301_drop_items_note";
  public static final String RENAME_NAME = "20260302_rename_items_name";
  public static final String CREATE_TAGS = "20260401_create_tags";
  public static final String TAGS_NOT_NULL = "20260501_tags_not_null";
  public static final String RENAME_TAG = "20260601_rename_tags_tag";

  private static final String RESOURCES = "tally/";

  private static final Map<String, String> SQL =
      Map.of(
          CREATE_ITEMS,
          "CREATE TABLE items (id bigserial PRIMARY KEY, name text NOT NULL);",
          ADD_NOTE,
          "ALTER TABLE items ADD COLUMN note text;",
          DROP_NOTE,
          "ALTER TABLE items DROP COLUMN note;\nSELECT * FROM no_such_table;",
          RENAME_NAME,
          "ALTER TABLE items RENAME COLUMN name TO title;",
          CREATE_TAGS,
          "CREATE TABLE tags (item_id bigint NOT NULL REFERENCES items (id), tag text);",
          TAGS_NOT_NULL,
          "SELECT pg_sleep(1);\nALTER TABLE tags ALTER COLUMN tag SET NOT NULL;\n"
              + "ALTER TABLE tags DROP COLUMN no_such_column;",
          RENAME_TAG,
          "ALTER TABLE tags RENAME COLUMN tag TO label;");

  private final Path folder;
  private final Secret password;

  private TallyDeployment(Path folder, Secret password) {
    this.folder = folder;
    this.password = password;
  }

  /** Creates role and database {@code name} on {@code postgres}, and a folder with everything. */
  public static TallyDeployment create(ThrowawayPostgres postgres, String name) {
    Secret password = Secret.of(HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
    SampleDatabase.create(postgres, name, password);
    try {
      Path folder = Files.createTempDirectory("lockstep-tally-");
      TallyDeployment tally = new TallyDeployment(folder, password);
      tally.writeSecrets(postgres.port(), name);
      tally.writeConfig(postgres.port(), name);
      tally.writeReleases();
      return tally;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the tally product", e);
    }
  }

  public Path folder() {
    return folder;
  }

  public Path configFile() {
    return folder.resolve("lockstep.yaml");
  }

  public Secret password() {
    return password;
  }

  /** The config, read as {@code lockstep -c <config>} reads it. */
  public DeploymentConfig config() {
    return ConfigLoader.fromEnvironment().load(configFile());
  }

  public Deployment open() {
    return Deployment.open(config(), EngineOptions.quiet());
  }

  private void writeSecrets(int port, String name) throws IOException {
    secretFile(folder.resolve("db-password"), password.reveal() + "\n");
    secretFile(
        folder.resolve("pgpass"),
        "127.0.0.1:" + port + ":*:" + name + ":" + password.reveal() + "\n");
  }

  private void writeConfig(int port, String name) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("TALLY_PG_PORT", String.valueOf(port));
    values.put("TALLY_DB_NAME", name);
    values.put("TALLY_DB_USER", name);
    values.put("TALLY_PSQL", PgTools.find().psql().toString());
    values.put("TALLY_PGPASSFILE", folder.resolve("pgpass").toString());
    String config = resource("lockstep.yaml");
    for (Map.Entry<String, String> value : values.entrySet()) {
      config = config.replace("${" + value.getKey() + "}", value.getValue());
    }
    Files.writeString(configFile(), config);
  }

  private void writeReleases() throws IOException {
    release("1.0.0", "command", "Creates items.", expand(CREATE_ITEMS));
    release("1.1.0", "command", "Adds items.note.", expand(CREATE_ITEMS), expand(ADD_NOTE));
    release(
        "1.1.1",
        "command",
        "A fix in the server; no migration.",
        expand(CREATE_ITEMS),
        expand(ADD_NOTE));
    release(
        "1.2.0",
        "command",
        "Drops items.note; the migration is broken.",
        expand(CREATE_ITEMS),
        expand(ADD_NOTE),
        contract(DROP_NOTE));
    release(
        "1.3.0",
        "command",
        "Says expand, but renames items.name.",
        expand(CREATE_ITEMS),
        expand(ADD_NOTE),
        expand(RENAME_NAME));
    release(
        "2.0.0",
        "startup",
        "The server migrates as it starts; adds tags.",
        expand(CREATE_ITEMS),
        expand(ADD_NOTE),
        expand(CREATE_TAGS));
    release(
        "2.1.0",
        "startup",
        "Makes tags.tag required; the migration fails on start-up.",
        expand(CREATE_ITEMS),
        expand(ADD_NOTE),
        expand(CREATE_TAGS),
        contract(TAGS_NOT_NULL));
    release(
        "2.2.0",
        "startup",
        "Says expand, but renames tags.tag as the server starts.",
        expand(CREATE_ITEMS),
        expand(ADD_NOTE),
        expand(CREATE_TAGS),
        expand(RENAME_TAG));
  }

  private record Declared(String id, String type) {}

  private static Declared expand(String id) {
    return new Declared(id, "expand");
  }

  private static Declared contract(String id) {
    return new Declared(id, "contract");
  }

  private void release(String version, String runner, String notes, Declared... migrations)
      throws IOException {
    Path dir = Files.createDirectories(folder.resolve("releases").resolve(version));
    String functions =
        Stream.of(migrations)
            .map(m -> "sql_" + m.id() + "() {\n  cat <<'SQL'\n" + SQL.get(m.id()) + "\nSQL\n}\n")
            .collect(Collectors.joining());
    String script =
        resource("tally.sh")
            .replace("@VERSION@", version)
            .replace("@MIGRATE_ON_START@", runner.equals("startup") ? "yes" : "no")
            .replace(
                "@MIGRATIONS@",
                Stream.of(migrations).map(Declared::id).collect(Collectors.joining(" ")))
            .replace("@SQL@\n", functions);
    Path artifact = dir.resolve("tally.sh");
    Files.writeString(artifact, script);
    StringBuilder manifest =
        new StringBuilder()
            .append("product: tally\nversion: ")
            .append(version)
            .append("\ncomponents:\n  server:\n    file: tally.sh\n    sha256: ")
            .append(Sha256.of(artifact))
            .append("\nmigrations:\n  runner: ")
            .append(runner)
            .append("\n  history:\n    format: prisma\n  scripts:\n");
    for (Declared migration : migrations) {
      manifest
          .append("    - id: ")
          .append(migration.id())
          .append("\n      class: ")
          .append(migration.type())
          .append('\n');
    }
    manifest.append("notes: ").append(notes).append('\n');
    Files.writeString(dir.resolve("release.yaml"), manifest.toString());
  }

  private static void secretFile(Path file, String content) throws IOException {
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content);
  }

  private static String resource(String name) {
    try (InputStream in =
        TallyDeployment.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the tally product is missing: " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server if one runs, then deletes the folder. */
  @Override
  public void close() {
    try (Deployment deployment = open()) {
      deployment.stopServices();
    } catch (RuntimeException e) {
      // Nothing ran, or the config is gone: nothing to stop.
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temp folder is not worth failing for.
    }
  }
}
