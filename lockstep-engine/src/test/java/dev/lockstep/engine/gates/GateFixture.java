package dev.lockstep.engine.gates;

import dev.lockstep.core.api.Version;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.ClientsConfig;
import dev.lockstep.core.config.ComposeConfig;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.DriftConfig;
import dev.lockstep.core.config.ExtensionsConfig;
import dev.lockstep.core.config.JobsConfig;
import dev.lockstep.core.config.MigrationsConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.config.TargetConfig;
import dev.lockstep.core.io.Sha256;
import dev.lockstep.core.manifest.Artifact.FileArtifact;
import dev.lockstep.core.manifest.Component;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationRunnerKind;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.Protocols;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.core.signing.TrustedKeys;
import dev.lockstep.engine.api.RunListener;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.journal.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployment about to upgrade from 1.0.0 to 1.1.0 as the gates see it, with everything ready: one
 * service {@code api} runs the release's one component, whose artifact is a real file with its real
 * sha256; the journal is a real one, in memory, with no run; the database answers with 1.0.0's
 * migration applied. Each test changes what its gate judges, then asks it.
 */
final class GateFixture implements AutoCloseable {
  static final MigrationScript V1 =
      new MigrationScript("1", "create notes", null, MigrationClass.EXPAND);
  static final MigrationScript V2 =
      new MigrationScript("2", "add note tags", null, MigrationClass.EXPAND);

  final Path dir;
  Journal journal = Journal.empty();
  Map<String, ServiceConfig> services = new LinkedHashMap<>(Map.of("api", service("api", "api")));
  MigrationsConfig migrations = new MigrationsConfig("lockstep_schema_history", Duration.ZERO);
  TargetConfig.TargetType targetType = TargetConfig.TargetType.PROCESS;
  ComposeConfig compose;
  String installedVersion = "1.0.0";
  ReleaseManifest previous;
  ReleaseManifest target;
  DatabaseProbe database = new DatabaseProbe(null, "15.4", 2048, List.of("1"));
  UpgradeOptions options = UpgradeOptions.defaults();
  DriftConfig drift = DriftConfig.everything();
  RunningServices running = RunningServices.notLooked();
  TrustedKeys trustedKeys = TrustedKeys.NONE;
  JobsConfig jobs;
  dev.lockstep.core.config.PromotionConfig promotion;
  ClientsConfig clients;
  ExtensionsConfig extensions;
  boolean upgrading;
  final List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();

  GateFixture(Path dir) {
    this.dir = dir;
    this.previous = release("1.0.0", List.of(V1));
    this.target = release("1.1.0", List.of(V1, V2));
  }

  GateResult check(Gate gate) {
    return gate.check(context());
  }

  GateContext context() {
    return new GateContext(
        config(),
        journal,
        installedVersion,
        previous,
        target,
        database,
        options,
        running,
        upgrading ? listener() : null);
  }

  /** What an upgrade's gates tell the operator, kept in {@link #notices}. */
  private RunListener listener() {
    return new RunListener() {
      @Override
      public void notice(String message) {
        notices.add(message);
      }
    };
  }

  DeploymentConfig config() {
    DatabaseConfig db = new DatabaseConfig("localhost", 5432, "app", "app", null, "postgres");
    return DeploymentConfig.builder()
        .file(dir.resolve("lockstep.yaml"))
        .environment("test")
        .stateDir(dir.resolve("state"))
        .releases(dir.resolve("releases"))
        .database(db)
        .migrations(migrations)
        .target(new TargetConfig(targetType, "sh", compose))
        .services(services)
        .stores(List.of(StoreConfig.postgres("app", db)))
        .backup(
            new BackupConfig(
                dir.resolve("backups"), BackupConfig.DumpFormat.CUSTOM, 1, null, null, false, null))
        .drift(drift)
        .trustedKeys(trustedKeys)
        .jobs(jobs)
        .promotion(promotion)
        .clients(clients)
        .extensions(extensions)
        .build();
  }

  /** A release migrated by Lockstep whose one component, api, is a real file in the fixture. */
  ReleaseManifest release(String version, List<MigrationScript> scripts) {
    Path folder = dir.resolve("releases").resolve(version);
    Path artifact = write(folder.resolve("api.jar"), "api " + version);
    return new ReleaseManifest(
        folder.resolve("release.yaml"),
        "notes",
        Version.parse(version),
        Map.of("api", new Component("api", new FileArtifact(artifact, Sha256.of(artifact)))),
        null,
        scripts,
        null);
  }

  static ReleaseManifest withComponents(
      ReleaseManifest release, Map<String, Component> components) {
    return new ReleaseManifest(
        release.file(),
        release.product(),
        release.version(),
        components,
        release.migrationsDir(),
        release.migrations(),
        release.notes(),
        release.runner(),
        release.history(),
        release.schemaFile());
  }

  static ReleaseManifest compatibleWith(ReleaseManifest release, String... versions) {
    return new ReleaseManifest(
        release.file(),
        release.product(),
        release.version(),
        release.components(),
        release.migrationsDir(),
        release.migrations(),
        release.notes(),
        release.runner(),
        release.history(),
        release.schemaFile(),
        java.util.Arrays.stream(versions).map(Version::parse).toList(),
        release.stops(),
        release.requires());
  }

  static ReleaseManifest withProtocols(ReleaseManifest release, Protocols protocols) {
    return new ReleaseManifest(
        release.file(),
        release.product(),
        release.version(),
        release.components(),
        release.migrationsDir(),
        release.migrations(),
        release.notes(),
        release.runner(),
        release.history(),
        release.schemaFile(),
        release.compatibleWith(),
        release.stops(),
        release.requires(),
        protocols);
  }

  static ReleaseManifest withRunner(ReleaseManifest release, MigrationRunnerKind runner) {
    return new ReleaseManifest(
        release.file(),
        release.product(),
        release.version(),
        release.components(),
        release.migrationsDir(),
        release.migrations(),
        release.notes(),
        runner,
        release.history(),
        release.schemaFile());
  }

  static ReleaseManifest withSchemaFile(ReleaseManifest release, Path schemaFile) {
    return new ReleaseManifest(
        release.file(),
        release.product(),
        release.version(),
        release.components(),
        release.migrationsDir(),
        release.migrations(),
        release.notes(),
        release.runner(),
        release.history(),
        schemaFile);
  }

  static ServiceConfig service(String name, String component) {
    return new ServiceConfig(
        name,
        component,
        List.of("local"),
        List.of("java", "-jar", "{artifact}"),
        null,
        Map.of(),
        Duration.ofSeconds(5),
        null,
        null,
        null,
        null);
  }

  static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    journal.close();
  }
}
