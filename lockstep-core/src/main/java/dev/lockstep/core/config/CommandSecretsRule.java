package dev.lockstep.core.config;

import dev.lockstep.core.api.Secret;
import dev.lockstep.core.yaml.ProblemCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule for every command the config gives Lockstep to run (service command lines and templates,
 * check commands, the migrate and log commands, store dump and load commands): none may contain a
 * secret, because a command line is readable by every user of the machine ({@code ps}, {@code
 * /proc/<pid>/cmdline}). The safe way is in the fix: every shell command gets the database in
 * {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER} and a temporary {@code
 * PGPASSFILE}.
 */
final class CommandSecretsRule {
  private static final String SHELL_FIX =
      "remove it from the command: Lockstep runs every command with the database in PGHOST,"
          + " PGPORT, PGDATABASE and PGUSER and its password in a temporary file named by"
          + " PGPASSFILE, which psql and every libpq program read (write `psql -c …` without a"
          + " password). If the command needs another secret, let it read that from a file."
          + " A password that merely happens to occur in the command is refused too: use a"
          + " longer one.";

  private static final String RUN_FIX =
      "pass it through services.<name>.env (the service's environment, which only its own user"
          + " can read), or a file the service reads.";

  private final ProblemCollector problems;
  private final Map<String, Secret> secrets = new LinkedHashMap<>();
  private final Map<String, String> extra = new LinkedHashMap<>();

  CommandSecretsRule(ProblemCollector problems) {
    this.problems = problems;
  }

  /** Also judges {@code command} (null: none), written at {@code field}. */
  CommandSecretsRule command(String field, String command) {
    put(extra, field, command);
    return this;
  }

  /** Refuses commands containing {@code secret}, described as {@code what} ("the backup key"). */
  CommandSecretsRule secret(String what, Secret secret) {
    if (secret != null && !secret.isEmpty()) {
      secrets.put(what, secret);
    }
    return this;
  }

  void check(
      Map<String, ServiceConfig> services,
      List<CheckConfig> checks,
      MigrationsConfig migrations,
      List<ConfigDocument.Store> stores,
      RehearsalConfig rehearsal) {
    if (secrets.isEmpty()) {
      return;
    }
    Map<String, String> commands = new LinkedHashMap<>();
    services.forEach((name, service) -> addService(commands, "services." + name, service));
    addChecks(commands, "checks", checks);
    if (migrations != null) {
      put(commands, "migrations.command", migrations.command());
      if (migrations.startup() != null) {
        put(commands, "migrations.startup.log", migrations.startup().log());
      }
    }
    for (int i = 0; stores != null && i < stores.size(); i++) {
      ConfigDocument.StoreCommand store = stores.get(i) == null ? null : stores.get(i).command();
      if (store != null) {
        String prefix = "stores[" + i + "].command.";
        put(commands, prefix + "dump", store.dump());
        put(commands, prefix + "load", store.load());
        put(commands, prefix + "scratchLoad", store.scratchLoad());
      }
    }
    if (rehearsal != null) {
      rehearsal
          .services()
          .forEach((name, service) -> addService(commands, "rehearsal.services." + name, service));
      addChecks(commands, "rehearsal.checks", rehearsal.checks());
    }
    commands.putAll(extra);
    commands.forEach(this::refuseSecretsIn);
  }

  private void refuseSecretsIn(String field, String command) {
    secrets.forEach(
        (what, secret) -> {
          if (command.contains(secret.reveal())) {
            problems.add(
                field,
                "puts "
                    + what
                    + " on a command line, where any user of this machine can read it"
                    + " (ps, /proc).",
                field.contains(".run[") ? RUN_FIX : SHELL_FIX);
          }
        });
  }

  private static void addService(Map<String, String> commands, String prefix, ServiceConfig s) {
    if (s.run() != null) {
      for (int i = 0; i < s.run().size(); i++) {
        put(commands, prefix + ".run[" + i + "]", s.run().get(i));
      }
    }
    put(commands, prefix + ".stop", s.stop());
    put(commands, prefix + ".install", s.install());
    put(commands, prefix + ".start", s.start());
    put(commands, prefix + ".version", s.version());
  }

  private static void addChecks(Map<String, String> commands, String section, List<CheckConfig> c) {
    for (int i = 0; i < c.size(); i++) {
      if (c.get(i).command() != null) {
        put(commands, section + "[" + i + "].command.run", c.get(i).command().run());
      }
    }
  }

  private static void put(Map<String, String> commands, String field, String command) {
    if (command != null) {
      commands.put(field, command);
    }
  }
}
