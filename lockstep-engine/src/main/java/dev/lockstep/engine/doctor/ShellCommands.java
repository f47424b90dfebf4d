package dev.lockstep.engine.doctor;

import dev.lockstep.core.config.CheckConfig;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.MigrationsConfig;
import dev.lockstep.core.config.ServiceConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.config.TargetConfig.TargetType;
import java.util.ArrayList;
import java.util.List;

/** Every shell command a deployment config holds, each with the field it is written in. */
final class ShellCommands {
  /** One command and where the operator wrote it, e.g. {@code services.api.start}. */
  record Entry(String field, String command) {}

  private ShellCommands() {}

  static List<Entry> of(DeploymentConfig config) {
    List<Entry> entries = new ArrayList<>();
    if (config.target().type() == TargetType.COMMAND) {
      for (ServiceConfig service : config.services().values()) {
        String prefix = "services." + service.name() + ".";
        add(entries, prefix + "stop", service.stop());
        add(entries, prefix + "install", service.install());
        add(entries, prefix + "start", service.start());
        add(entries, prefix + "version", service.version());
      }
    }
    checks(entries, "checks", config.checks());
    if (config.rehearsal() != null) {
      checks(entries, "rehearsal.checks", config.rehearsal().checks());
    }
    for (StoreConfig store : config.stores()) {
      String prefix = "stores[" + store.name() + "].command.";
      add(entries, prefix + "dump", store.dump());
      add(entries, prefix + "load", store.load());
      add(entries, prefix + "scratchLoad", store.scratchLoad());
    }
    MigrationsConfig migrations = config.migrations();
    if (migrations != null) {
      add(entries, "migrations.command", migrations.command());
      if (migrations.startup() != null) {
        add(entries, "migrations.startup.log", migrations.startup().log());
      }
    }
    return entries;
  }

  private static void checks(List<Entry> entries, String field, List<CheckConfig> checks) {
    for (CheckConfig check : checks) {
      if (check.command() != null) {
        add(entries, field + "[" + check.name() + "].command.run", check.command().run());
      }
    }
  }

  private static void add(List<Entry> entries, String field, String command) {
    if (command != null && !command.isBlank()) {
      entries.add(new Entry(field, command));
    }
  }
}
