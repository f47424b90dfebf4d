package dev.lockstep.core.config;

import dev.lockstep.core.config.MigrationsConfig.StartupWatch;
import dev.lockstep.core.yaml.ProblemCollector;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks the {@code migrations} section and fills in its defaults. */
final class MigrationsValidator {
  private static final String HISTORY_TABLE = "lockstep_schema_history";

  private final ProblemCollector problems;

  MigrationsValidator(ProblemCollector problems) {
    this.problems = problems;
  }

  MigrationsConfig validate(ConfigDocument.Migrations doc, Map<String, ServiceConfig> services) {
    if (doc == null) {
      return new MigrationsConfig(HISTORY_TABLE, Duration.ofMinutes(1));
    }
    String table = doc.historyTable() == null ? HISTORY_TABLE : doc.historyTable();
    if (!table.matches("[a-z_][a-z0-9_]{0,62}")) {
      problems.add(
          "migrations.historyTable",
          "'" + table + "' is not a plain table name.",
          "use lower-case letters, digits and underscores, such as " + HISTORY_TABLE + ".");
    }
    int retries = doc.lockRetries() == null ? 5 : doc.lockRetries();
    if (retries < 0) {
      problems.add("migrations.lockRetries", "must not be negative.", "use 0 or more.");
    }
    return new MigrationsConfig(
        table,
        problems.duration(doc.lockWait(), "migrations.lockWait", Duration.ofMinutes(1)),
        problems.duration(doc.lockTimeout(), "migrations.lockTimeout", Duration.ofSeconds(5)),
        retries,
        doc.command(),
        startup(doc.startup(), services),
        problems.duration(doc.deadline(), "migrations.deadline", Duration.ofMinutes(10)));
  }

  private StartupWatch startup(ConfigDocument.Startup doc, Map<String, ServiceConfig> services) {
    if (doc == null) {
      return null;
    }
    String service =
        problems.require(
            doc.service(), "migrations.startup.service", "name the service that migrates.");
    if (service != null && !services.isEmpty() && !services.containsKey(service)) {
      problems.add(
          "migrations.startup.service",
          "'" + service + "' is not one of the services " + services.keySet() + ".",
          "name the service that applies the migrations when it starts.");
    }
    pattern(doc.success(), "migrations.startup.success", "'migrations: \\d+ applied, 0 failed'");
    pattern(doc.failure(), "migrations.startup.failure", "'migrations: failed'");
    return new StartupWatch(service, doc.success(), doc.failure(), doc.log());
  }

  private void pattern(String regex, String field, String example) {
    if (problems.require(regex, field, "give a regular expression, e.g. " + example + ".")
        == null) {
      return;
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problems.add(
          field,
          "'" + regex + "' is not a regular expression: " + e.getDescription() + ".",
          "e.g. " + example + ".");
    }
  }
}
