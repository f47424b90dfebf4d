package dev.lockstep.core.config;

import dev.lockstep.core.signing.TrustedKeys;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the operator writes: one deployment (an environment), its services and how the target runs
 * them, its database, the checks that prove it works, and where Lockstep keeps its state.
 *
 * <p>Paths are resolved against the folder of the configuration file by {@link ConfigLoader}.
 *
 * @param file the configuration file this was read from
 * @param environment a name such as {@code staging} or {@code production}
 * @param stateDir Lockstep's own folder: journal, backups, reports, service state
 * @param releases the folder holding one {@code <version>/release.yaml} per release (with an HTTPS
 *     {@code catalog}, the copy of it)
 * @param stores every state store backed up and restored together, the product's database first
 * @param rehearsal how to rehearse an upgrade beside production, or null
 * @param drift which schema changes count as drift
 * @param balancer the load balancer a rolling upgrade drains nodes through; null when there is none
 * @param rollout how an upgrade replaces the running nodes: with downtime, or rolling
 * @param trustedKeys the keys every release manifest must be signed by; none: unsigned ones are
 *     read
 * @param jobs how to learn which long-running jobs run, so an upgrade waits for them; null when the
 *     config does not say
 * @param notices the webhooks told when downtime starts and how a run ends; none when empty
 * @param promotion where the product's environments record their runs, and which one must run a
 *     release before this one; null when environments do not know of each other
 * @param clients how to learn which client protocol versions are connected; null when the config
 *     does not say
 * @param extensions how to learn which extensions are installed and what they support; null when
 *     the config does not say
 * @param catalog the HTTPS catalog the releases are fetched from into {@code releases}, its cache;
 *     null when {@code releases} is the catalog itself
 * @param watch the signals watched after an upgrade; null when the config watches nothing
 */
public record DeploymentConfig(
    Path file,
    String environment,
    Path stateDir,
    Path releases,
    DatabaseConfig database,
    MigrationsConfig migrations,
    TargetConfig target,
    Map<String, ServiceConfig> services,
    List<CheckConfig> checks,
    List<StoreConfig> stores,
    BackupConfig backup,
    RehearsalConfig rehearsal,
    DriftConfig drift,
    BalancerConfig balancer,
    RolloutConfig rollout,
    TrustedKeys trustedKeys,
    JobsConfig jobs,
    List<NoticeConfig> notices,
    PromotionConfig promotion,
    ClientsConfig clients,
    ExtensionsConfig extensions,
    CatalogConfig catalog,
    WatchConfig watch) {

  /** A builder with every part absent: what the config does not say, Lockstep's defaults fill. */
  public static Builder builder() {
    return new Builder();
  }

  public DeploymentConfig {
    // In the order the operator wrote them: services are stopped and started in that order.
    services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    checks = List.copyOf(checks);
    stores = List.copyOf(stores);
    drift = drift == null ? DriftConfig.everything() : drift;
    rollout = rollout == null ? RolloutConfig.defaults(balancer != null) : rollout;
    trustedKeys = trustedKeys == null ? TrustedKeys.NONE : trustedKeys;
    notices = notices == null ? List.of() : List.copyOf(notices);
  }

  public Path journalFile() {
    return stateDir.resolve("journal.db");
  }

  public Path reportsDir() {
    return stateDir.resolve("reports");
  }

  public Path serviceStateDir() {
    return stateDir.resolve("services");
  }

  public Path logsDir() {
    return stateDir.resolve("logs");
  }

  public Path backupsDir() {
    return backup.dir() != null ? backup.dir() : stateDir.resolve("backups");
  }

  /**
   * The release components this deployment runs: each service's, and the component of the compose
   * target's migrate one-shot when its image is pinned.
   */
  public Set<String> deployedComponents() {
    Set<String> components = new TreeSet<>();
    services.values().forEach(service -> components.add(service.component()));
    ComposeConfig compose = target.compose();
    if (compose != null && compose.migrateImage() != null) {
      components.add(compose.migrate());
    }
    return components;
  }

  /**
   * A config part by part, each named: what {@link ConfigLoader} validated, or what a test needs. A
   * part not set is absent, as when the file does not mention it.
   */
  public static final class Builder {
    private Path file;
    private String environment;
    private Path stateDir;
    private Path releases;
    private DatabaseConfig database;
    private MigrationsConfig migrations;
    private TargetConfig target;
    private Map<String, ServiceConfig> services = Map.of();
    private List<CheckConfig> checks = List.of();
    private List<StoreConfig> stores = List.of();
    private BackupConfig backup;
    private RehearsalConfig rehearsal;
    private DriftConfig drift;
    private BalancerConfig balancer;
    private RolloutConfig rollout;
    private TrustedKeys trustedKeys;
    private JobsConfig jobs;
    private List<NoticeConfig> notices;
    private PromotionConfig promotion;
    private ClientsConfig clients;
    private ExtensionsConfig extensions;
    private CatalogConfig catalog;
    private WatchConfig watch;

    private Builder() {}

    public Builder file(Path file) {
      this.file = file;
      return this;
    }

    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    public Builder stateDir(Path stateDir) {
      this.stateDir = stateDir;
      return this;
    }

    public Builder releases(Path releases) {
      this.releases = releases;
      return this;
    }

    public Builder database(DatabaseConfig database) {
      this.database = database;
      return this;
    }

    public Builder migrations(MigrationsConfig migrations) {
      this.migrations = migrations;
      return this;
    }

    public Builder target(TargetConfig target) {
      this.target = target;
      return this;
    }

    public Builder services(Map<String, ServiceConfig> services) {
      this.services = services;
      return this;
    }

    public Builder checks(List<CheckConfig> checks) {
      this.checks = checks;
      return this;
    }

    public Builder stores(List<StoreConfig> stores) {
      this.stores = stores;
      return this;
    }

    public Builder backup(BackupConfig backup) {
      this.backup = backup;
      return this;
    }

    public Builder rehearsal(RehearsalConfig rehearsal) {
      this.rehearsal = rehearsal;
      return this;
    }

    public Builder drift(DriftConfig drift) {
      this.drift = drift;
      return this;
    }

    public Builder balancer(BalancerConfig balancer) {
      this.balancer = balancer;
      return this;
    }

    public Builder rollout(RolloutConfig rollout) {
      this.rollout = rollout;
      return this;
    }

    public Builder trustedKeys(TrustedKeys trustedKeys) {
      this.trustedKeys = trustedKeys;
      return this;
    }

    public Builder jobs(JobsConfig jobs) {
      this.jobs = jobs;
      return this;
    }

    public Builder notices(List<NoticeConfig> notices) {
      this.notices = notices;
      return this;
    }

    public Builder promotion(PromotionConfig promotion) {
      this.promotion = promotion;
      return this;
    }

    public Builder clients(ClientsConfig clients) {
      this.clients = clients;
      return this;
    }

    public Builder extensions(ExtensionsConfig extensions) {
      this.extensions = extensions;
      return this;
    }

    public Builder catalog(CatalogConfig catalog) {
      this.catalog = catalog;
      return this;
    }

    public Builder watch(WatchConfig watch) {
      this.watch = watch;
      return this;
    }

    public DeploymentConfig build() {
      return new DeploymentConfig(
          file,
          environment,
          stateDir,
          releases,
          database,
          migrations,
          target,
          services,
          checks,
          stores,
          backup,
          rehearsal,
          drift,
          balancer,
          rollout,
          trustedKeys,
          jobs,
          notices,
          promotion,
          clients,
          extensions,
          catalog,
          watch);
    }
  }
}
