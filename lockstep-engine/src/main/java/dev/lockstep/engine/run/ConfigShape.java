package dev.lockstep.engine.run;

import dev.lockstep.core.config.ComposeConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.MigrationsConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.StoreConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parts of a deployment config that decide what a run does, as field paths and their values,
 * recorded when the run starts so that a resume can tell whether the config it is given would make
 * the run do something else. Secrets are never part of it (a rotated password does not change the
 * run), nor environment values (they may hold one), nor what only tunes how long Lockstep waits.
 *
 * <p>Two levels: identity fields ({@link #isIdentity}) name <em>what</em> the run acts on (the
 * database, the stores, the services and their nodes); a change there makes a rollback act on
 * something else too. The others shape <em>how</em> the forward steps work.
 */
public record ConfigShape(Map<String, String> fields) {
  private static final Set<String> IDENTITY_FIELDS =
      Set.of("database.host", "database.port", "database.name", "services.names", "target.type");

  public ConfigShape {
    fields = Map.copyOf(new TreeMap<>(fields));
  }

  public static ConfigShape of(DeploymentConfig config) {
    Map<String, String> fields = new TreeMap<>();
    fields.put("database.host", config.database().host());
    fields.put("database.port", String.valueOf(config.database().port()));
    fields.put("database.name", config.database().name());
    fields.put("database.user", config.database().user());
    fields.put("target.type", String.valueOf(config.target().type()));
    fields.put("target.shell", config.target().shell());
    ComposeConfig compose = config.target().compose();
    if (compose != null) {
      fields.put("target.compose.project", compose.project());
      fields.put("target.compose.files", String.valueOf(compose.files()));
      fields.put("target.compose.profiles", String.valueOf(compose.profiles()));
      fields.put("target.compose.envFiles", String.valueOf(compose.envFiles()));
      fields.put("target.compose.pins", String.valueOf(compose.pins()));
      fields.put("target.compose.migrate", compose.migrate());
    }
    config
        .target()
        .hosts()
        .forEach(
            (name, host) ->
                fields.put(
                    "target.hosts." + name,
                    host.user() + "@" + host.address() + ":" + host.port()));
    if (config.balancer() != null) {
      fields.put("balancer.type", config.balancer().type().key());
      if (config.balancer().haproxy() != null) {
        fields.put("balancer.haproxy.backend", config.balancer().haproxy().backend());
      }
    }
    fields.put("backup.snapshot", String.valueOf(config.backup().snapshot()));
    fields.put("backup.format", String.valueOf(config.backup().format()));
    fields.put("backup.dir", String.valueOf(config.backupsDir()));
    fields.put("backup.encrypted", String.valueOf(config.backup().encrypted()));
    putMigrations(fields, config.migrations());
    List<StoreConfig> stores = config.stores();
    for (int i = 0; i < stores.size(); i++) {
      putStore(fields, "stores[" + i + "].", stores.get(i));
    }
    fields.put("services.names", String.join(",", config.services().keySet()));
    for (ServiceConfig service : config.services().values()) {
      putService(fields, "services." + service.name() + ".", service);
    }
    fields.values().removeIf(Objects::isNull);
    return new ConfigShape(fields);
  }

  /** The fields whose value differs (or that exist on one side only), in path order. */
  public List<String> differences(ConfigShape other) {
    Set<String> paths = new TreeSet<>(fields.keySet());
    paths.addAll(other.fields.keySet());
    List<String> changed = new ArrayList<>();
    for (String path : paths) {
      if (!Objects.equals(fields.get(path), other.fields.get(path))) {
        changed.add(path);
      }
    }
    return changed;
  }

  /** The names of the config's state stores. */
  public List<String> storeNames() {
    return fields.entrySet().stream()
        .filter(field -> field.getKey().matches("stores\\[\\d+]\\.name"))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** Whether {@code path} names what a run acts on, rather than how it works. */
  public static boolean isIdentity(String path) {
    if (IDENTITY_FIELDS.contains(path)) {
      return true;
    }
    if (path.startsWith("stores[")) {
      return !path.endsWith(".dump") && !path.endsWith(".load");
    }
    return path.startsWith("target.hosts.")
        || path.startsWith("services.") && path.endsWith(".nodes");
  }

  /** "services.api.run: [java, -jar, a.jar] → [java, -jar, b.jar]" for each difference. */
  public String describe(Collection<String> paths, ConfigShape now) {
    List<String> lines = new ArrayList<>();
    for (String path : paths) {
      lines.add(path + ": " + shown(fields.get(path)) + " → " + shown(now.fields.get(path)));
    }
    return String.join("; ", lines);
  }

  private static String shown(String value) {
    return value == null ? "(absent)" : value;
  }

  private static void putMigrations(Map<String, String> fields, MigrationsConfig migrations) {
    fields.put("migrations.historyTable", migrations.historyTable());
    fields.put("migrations.command", migrations.command());
    if (migrations.startup() != null) {
      fields.put("migrations.startup.service", migrations.startup().service());
      fields.put("migrations.startup.success", migrations.startup().success());
      fields.put("migrations.startup.failure", migrations.startup().failure());
      fields.put("migrations.startup.log", migrations.startup().log());
    }
  }

  private static void putStore(Map<String, String> fields, String prefix, StoreConfig store) {
    fields.put(prefix + "name", store.name());
    fields.put(prefix + "kind", String.valueOf(store.kind()));
    if (store.database() != null) {
      fields.put(prefix + "database", store.database().name());
    }
    fields.put(prefix + "path", store.path() == null ? null : store.path().toString());
    fields.put(prefix + "dump", store.dump());
    fields.put(prefix + "load", store.load());
  }

  private static void putService(Map<String, String> fields, String prefix, ServiceConfig service) {
    fields.put(prefix + "component", service.component());
    fields.put(prefix + "nodes", String.join(",", service.nodes()));
    fields.put(prefix + "run", service.run() == null ? null : String.valueOf(service.run()));
    fields.put(
        prefix + "workingDir",
        service.workingDir() == null ? null : service.workingDir().toString());
    // Only the names: a value may be a password the operator passes to the service.
    fields.put(prefix + "env", String.join(",", new TreeSet<>(service.env().keySet())));
    fields.put(prefix + "stop", service.stop());
    fields.put(prefix + "install", service.install());
    fields.put(prefix + "start", service.start());
    fields.put(prefix + "version", service.version());
    fields.put(prefix + "image", service.image());
  }
}
