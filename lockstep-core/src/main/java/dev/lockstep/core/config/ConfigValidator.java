package dev.lockstep.core.config;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.config.TargetConfig.TargetType;
import dev.lockstep.core.signing.TrustedKeys;
import dev.lockstep.core.yaml.ProblemCollector;
import dev.lockstep.core.yaml.Variables;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Applies defaults to a {@link ConfigDocument} and checks everything a run will rely on. */
final class ConfigValidator {

  private final Path file;
  private final Path baseDir;
  private final Variables variables;
  private final ProblemCollector problems;
  private final SecretReader secrets;

  ConfigValidator(Path file, Variables variables) {
    this.file = file;
    this.baseDir = file.getParent();
    this.variables = variables;
    this.problems = new ProblemCollector(file, ErrorCode.CONFIG_INVALID);
    this.secrets = new SecretReader(variables, problems, this::resolve);
  }

  DeploymentConfig validate(ConfigDocument doc) {
    problems.require(
        doc.environment(), "environment", "name the environment, for example: staging.");
    DatabaseConfig database = database(doc.database());
    TargetConfig target = target(doc.target());
    Map<String, ServiceConfig> services = services(doc.services(), target);
    MigrationsConfig migrations =
        new MigrationsValidator(problems).validate(doc.migrations(), services);
    List<CheckConfig> checks = new CheckValidator(problems, "checks").validate(doc.checks());
    BackupConfig backup =
        new BackupValidator(problems, secrets, this::resolve).validate(doc.backup());
    List<StoreConfig> stores =
        new StoreValidator(problems, this::resolve).validate(database, doc.stores());
    RehearsalConfig rehearsal =
        new RehearsalValidator(problems, this::resolve).validate(doc.rehearsal(), database);
    DriftConfig drift = new DriftValidator(problems).validate(doc.drift());
    BalancerConfig balancer =
        new BalancerValidator(problems).validate(doc.balancer(), serviceNodes(services));
    RolloutConfig rollout =
        new RolloutValidator(problems).validate(doc.rollout(), balancer, serviceNodes(services));
    TrustedKeys trustedKeys =
        new SignaturesValidator(file, problems, this::resolve).validate(doc.signatures());
    JobsConfig jobs = new JobsValidator(problems).validate(doc.jobs());
    List<NoticeConfig> notices = new NoticesValidator(problems, secrets).validate(doc.notices());
    PromotionConfig promotion =
        new PromotionValidator(problems, secrets, this::resolve)
            .validate(doc.promotion(), doc.environment(), database);
    ClientsConfig clients = new ClientsValidator(problems).validate(doc.clients());
    ExtensionsConfig extensions = new ExtensionsValidator(problems).validate(doc.extensions());
    CatalogConfig catalog = new CatalogValidator(problems, this::resolve).validate(doc.catalog());
    WatchConfig watch = new WatchValidator(problems).validate(doc.watch());
    new CommandSecretsRule(problems)
        .secret("the database password", database == null ? null : database.password())
        .secret(
            "the shared database's password",
            promotion == null || promotion.sharedDatabase() == null
                ? null
                : promotion.sharedDatabase().password())
        .secret("the backup encryption key", backup.encryptionKey())
        .command("jobs.command", jobs == null ? null : jobs.command())
        .command("extensions.command", extensions == null ? null : extensions.command())
        .check(services, checks, migrations, doc.stores(), rehearsal);
    problems.throwIfAny();
    return DeploymentConfig.builder()
        .file(file)
        .environment(doc.environment())
        .stateDir(resolve(doc.stateDir() == null ? ".lockstep" : doc.stateDir()))
        .releases(resolve(doc.releases() == null ? "releases" : doc.releases()))
        .database(database)
        .migrations(migrations)
        .target(target)
        .services(services)
        .checks(checks)
        .stores(stores)
        .backup(backup)
        .rehearsal(rehearsal)
        .drift(drift)
        .balancer(balancer)
        .rollout(rollout)
        .trustedKeys(trustedKeys)
        .jobs(jobs)
        .notices(notices)
        .promotion(promotion)
        .clients(clients)
        .extensions(extensions)
        .catalog(catalog)
        .watch(watch)
        .build();
  }

  private DatabaseConfig database(ConfigDocument.Database doc) {
    if (doc == null) {
      problems.add(
          "database", "is required but missing.", "describe the product's Postgres database.");
      return null;
    }
    return new DatabaseValidator(problems, secrets).validate(doc, "database", "the product's");
  }

  private TargetConfig target(ConfigDocument.Target doc) {
    String fix = "write target: {type: process}, {type: command} or {type: compose}.";
    if (doc == null || doc.type() == null) {
      problems.add("target.type", "is required but missing.", fix);
      return null;
    }
    try {
      TargetType type = TargetType.valueOf(doc.type().toUpperCase(Locale.ROOT));
      ComposeConfig compose =
          new ComposeValidator(problems, this::resolve).validate(type, doc.compose());
      Map<String, HostConfig> hosts =
          new HostsValidator(problems, this::resolve, Path.of(System.getProperty("user.home")))
              .validate(doc.hosts());
      if (!hosts.isEmpty() && type != TargetType.COMMAND) {
        problems.add(
            "target.hosts",
            "is only for target type command: the "
                + type.name().toLowerCase(Locale.ROOT)
                + " target runs its nodes on this machine.",
            "use type: command, whose stop, install, start and version commands run on the host"
                + " a node is named after, or remove target.hosts.");
      }
      return new TargetConfig(type, doc.shell() == null ? "/bin/sh" : doc.shell(), compose, hosts);
    } catch (IllegalArgumentException e) {
      problems.add("target.type", "'" + doc.type() + "' is not a target type.", fix);
      return null;
    }
  }

  private Map<String, ServiceConfig> services(
      LinkedHashMap<String, ConfigDocument.Service> docs, TargetConfig target) {
    if (docs == null || docs.isEmpty()) {
      problems.add("services", "is required but missing.", "declare at least one service.");
      return Map.of();
    }
    Map<String, ServiceConfig> services = new LinkedHashMap<>();
    docs.forEach(
        (name, doc) -> {
          if (doc == null) {
            problems.add("services." + name, "is empty.", "describe how the service runs.");
            return;
          }
          services.put(
              name,
              new ServiceValidator("services", name, doc, problems, this::resolve)
                  .validate(target));
        });
    return services;
  }

  private static Set<String> serviceNodes(Map<String, ServiceConfig> services) {
    Set<String> nodes = new TreeSet<>();
    services.values().forEach(service -> nodes.addAll(service.nodes()));
    return nodes;
  }

  private Path resolve(String path) {
    return baseDir.resolve(path).normalize();
  }
}
