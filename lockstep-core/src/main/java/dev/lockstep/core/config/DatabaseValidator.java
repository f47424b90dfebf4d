package dev.lockstep.core.config;

import dev.lockstep.core.yaml.ProblemCollector;

/** Checks a PostgreSQL database's section: the product's {@code database}, or another one. */
final class DatabaseValidator {
  private final ProblemCollector problems;
  private final SecretReader secrets;

  DatabaseValidator(ProblemCollector problems, SecretReader secrets) {
    this.problems = problems;
    this.secrets = secrets;
  }

  /**
   * @param field where the section is, e.g. {@code database}
   * @param whose whose database it is, as a fix says it: "the product's"
   */
  DatabaseConfig validate(ConfigDocument.Database doc, String field, String whose) {
    problems.require(doc.name(), field + ".name", "name " + whose + " database.");
    problems.require(doc.user(), field + ".user", "name the user Lockstep connects as.");
    int port = doc.port() == null ? 5432 : doc.port();
    if (port < 1 || port > 65535) {
      problems.add(field + ".port", port + " is not a TCP port.", "use a port from 1 to 65535.");
    }
    return new DatabaseConfig(
        doc.host() == null ? "127.0.0.1" : doc.host(),
        port,
        doc.name(),
        doc.user(),
        secrets.read(doc.password(), field + ".password"),
        doc.maintenanceDatabase() == null ? "postgres" : doc.maintenanceDatabase());
  }
}
